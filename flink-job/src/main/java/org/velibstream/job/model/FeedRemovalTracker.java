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
 * Forwards every observation of whole feed documents and adds a tombstone ({@link StationObservation#removed()})
 * for each station that was in one feed document and is missing from the next. Reads what
 * {@link AnnounceFeedDocuments} makes of the observations of whole documents, keyed by {@link TrackerInput#key()}:
 * each key, a {@link SystemBucket}, tracks its share of one system's stations.
 *
 * <p><b>Where a document ends.</b> All observations of one feed document must share {@code observedAt}: the
 * document's {@code last_updated}, or, read back from Kafka, a record timestamp the producer set to it (records of
 * one document stamped at different times would each look like a document of their own). The document
 * of time {@code t} is complete when the watermark reaches {@code t}: the watermark is the promise that nothing at
 * or before {@code t} is still to come, so an event-time timer at {@code t} closes it. This needs no end marker in
 * the stream from the sources (which would force a union type on every operator up to them; the announcements are
 * no end marker: they only open a document, and the operator just before makes them), stays correct when observations of two
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
 * dead) is forgotten silently, bucket by bucket, each a day after its last observation: no tombstones, since its
 * stations' state downstream is forgotten likewise, and a document after that starts from nothing.
 *
 * <p>Tombstones carry the station's last observation (so its area and capacity), with {@code observedAt}
 * set to the first document the station is missing from.
 *
 * <p><b>Why buckets of stations, not whole systems.</b> Keyed by system, one Vélib'-sized system used one slot here
 * however many the job had. Whether a station is missing from a document concerns that station alone, so the
 * comparison splits by station: each bucket compares its stations of one document with its stations of the last
 * closed one, and gives exactly the tombstones the whole-system comparison gave for them, at the same times. What a
 * bucket cannot see alone is a document holding none of its stations (they were all removed): that is what the
 * announcements are for. A bucket opens a document at its first announcement or observation of it (a timer at its
 * time, registered again at no cost), so it closes every document the system's tracker closed, including documents
 * with nothing for it. An announcement is late exactly when the observation that follows it is ({@link
 * AnnounceFeedDocuments}); a late one is dropped without a count: it is no observation. The other way considered,
 * one roster per system with the forwarding spread out, still compares each document on one subtask, so keeps a
 * key as big as a system; it was not taken.
 *
 * <p>The price: {@link SystemBucket#BUCKETS} announcements per document, and up to that many keys (each with its
 * cleanup timer) per system; {@link SystemBucket#BUCKETS} says why 32. Announcing a document only to the buckets it
 * holds no station of would cost a large system nothing, but needs the document's end, so an operator that flushes
 * before it forwards a watermark or a checkpoint barrier; not done yet. A bucket left with no station and no open document cancels its cleanup: it holds
 * nothing. Only an announcement that its document is late is ignored, so a document late for some buckets only
 * (observations of one document spread over several input channels, which one whole-document source does not do)
 * is tracked by those that saw it in time, as the whole-system tracker tracked whatever part of it came in time.
 *
 * <p>Upgrades: the key was the system id under uid {@code feed-removal-tracker}; Flink cannot restore keyed state
 * into another key type, so this operator has a new uid and the old state is dropped ({@code docs/operations.md}).
 */
public class FeedRemovalTracker extends KeyedProcessFunction<SystemBucket, TrackerInput, StationObservation> {

    public static final String NAME = "Track stations removed from the feed";
    /** New with the key {@link SystemBucket}; until then {@code feed-removal-tracker}, keyed by system. */
    public static final String UID = "feed-removal-tracker-by-bucket";

    public static final TypeInformation<SystemBucket> KEY_TYPE = TypeInformation.of(SystemBucket.class);
    public static final String LATE_OBSERVATIONS_METRIC = "lateObservations";
    public static final String TOMBSTONES_METRIC = "tombstones";

    private static final long serialVersionUID = 1L;

    /** Stations of the last closed document, by station key, with their observation in it. */
    private transient MapState<String, StationObservation> presentStations;
    /** Observations of documents not closed yet, held until their document's time. */
    private transient PendingObservations openDocuments;
    /** Forgets a bucket whose stations have not been in a document for a day. */
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
    public void processElement(TrackerInput input, Context context, Collector<StationObservation> out)
            throws Exception {
        StationObservation observation = input.observation();
        if (observation == null) {
            long documentAt = input.documentAt().toEpochMilli();
            if (documentAt > context.timerService().currentWatermark()) {
                context.timerService().registerEventTimeTimer(documentAt);
            }
            return;
        }
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
        if (!document.isEmpty()) {
            // Even an empty putAll would store an empty map for the key on the heap backend.
            presentStations.putAll(document);
        } else if (openDocuments.isEmpty()) {
            // A document without this bucket's stations removed them all: the bucket holds nothing any more.
            cleanup.cancel(context.timerService());
        }
    }
}
