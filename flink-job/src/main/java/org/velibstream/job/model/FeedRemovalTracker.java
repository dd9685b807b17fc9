package org.velibstream.job.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Forwards every observation of one bike-share system and adds a tombstone ({@link StationObservation#removed()})
 * for each station that was in one feed document and is missing from the next. Key the stream by
 * {@link StationObservation#systemId()}.
 *
 * <p><b>Where a document ends.</b> All observations of one feed document must share {@code observedAt}: the
 * document's {@code last_updated}, or, read back from Kafka, a record timestamp the producer set to it (records of
 * one document stamped at different times would each look like a document of their own). The document
 * of time {@code t} is complete when the watermark reaches {@code t}: the watermark is the promise that nothing at
 * or before {@code t} is still to come, so an event-time timer at {@code t} closes it. This needs no end marker in
 * the stream (which would force a union type on every upstream operator), stays correct when observations of two
 * documents interleave, and gives the same tombstones on a replay and after a restore, because the documents
 * still open are checkpointed state and timers. The cost is latency: a document closes when the watermark passes
 * it, typically when the next poll arrives.
 *
 * <p><b>What is not tracked.</b> A late observation (at or before the current watermark: its document is already
 * closed) is forwarded unchanged and counted in the {@value #LATE_OBSERVATIONS_METRIC} metric, but does not
 * change which stations are present. A tombstone in the input is forwarded unchanged. A document with no station
 * at all never reaches this operator, so an empty feed is never mistaken for the removal of every station.
 *
 * <p><b>What is left behind.</b> The stations of the last closed document stay in state while the system's feed
 * goes on. A system that sends no document for {@link IdleKeyCleanup#RETENTION} (no longer configured, or its feed
 * dead) is forgotten silently: no tombstones, since its stations' state downstream is forgotten likewise, and a
 * document after that starts from nothing.
 *
 * <p>Tombstones carry the station's last observation (so its area and capacity), with {@code observedAt}
 * set to the first document the station is missing from.
 *
 * <p>Keying by system puts a whole system on one subtask: a document must be compared as a whole. For Vélib'
 * (about 1,500 stations a minute) that is light work; the operators after it spread out again by their own keys.
 */
public class FeedRemovalTracker extends KeyedProcessFunction<String, StationObservation, StationObservation> {

    public static final String NAME = "Track stations removed from the feed";
    public static final String UID = "feed-removal-tracker";
    public static final String LATE_OBSERVATIONS_METRIC = "lateObservations";
    public static final String TOMBSTONES_METRIC = "tombstones";

    private static final long serialVersionUID = 1L;

    /** Stations of the last closed document, by station key, with their observation in it. */
    private transient MapState<String, StationObservation> presentStations;
    /** Observations of documents not closed yet, held until their document's time. */
    private transient PendingObservations openDocuments;
    /** Forgets a system that has sent no document for a day. */
    private transient IdleKeyCleanup cleanup;

    private transient Counter lateObservations;
    private transient Counter tombstones;

    @Override
    public void open(OpenContext openContext) {
        presentStations = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "present-stations", Types.STRING, TypeInformation.of(StationObservation.class)));
        openDocuments = PendingObservations.inState(getRuntimeContext(), "open-documents");
        cleanup = IdleKeyCleanup.inState(getRuntimeContext());
        lateObservations = getRuntimeContext().getMetricGroup().counter(LATE_OBSERVATIONS_METRIC);
        tombstones = getRuntimeContext().getMetricGroup().counter(TOMBSTONES_METRIC);
    }

    @Override
    public void processElement(StationObservation observation, Context context, Collector<StationObservation> out)
            throws Exception {
        out.collect(observation);
        if (observation.removed()) {
            return;
        }
        if (openDocuments.holdUntil(observation.observedAt().toEpochMilli(), observation, context.timerService())) {
            cleanup.touch(context.timerService());
        } else {
            lateObservations.inc();
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<StationObservation> out) throws Exception {
        if (context.timeDomain() == TimeDomain.PROCESSING_TIME) {
            if (cleanup.expired(timestamp, context.timerService())) {
                presentStations.clear();
            }
            return;
        }
        Map<String, StationObservation> document = openDocuments.take(timestamp);
        Instant documentAt = Instant.ofEpochMilli(timestamp);

        List<String> missing = new ArrayList<>();
        for (String stationKey : presentStations.keys()) {
            if (!document.containsKey(stationKey)) {
                missing.add(stationKey);
            }
        }
        for (String stationKey : missing) {
            out.collect(presentStations.get(stationKey).removedAt(documentAt));
            tombstones.inc();
            presentStations.remove(stationKey);
        }
        presentStations.putAll(document);
    }
}
