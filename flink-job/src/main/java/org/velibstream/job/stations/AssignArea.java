package org.velibstream.job.stations;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.gbfs.StationInformation;
import org.velibstream.job.ingest.FeedItem;
import org.velibstream.job.model.IdleKeyCleanup;
import org.velibstream.job.model.StationObservation;

/**
 * Places each station observation in its area and gives it its capacity. Keyed by
 * {@link StationObservation#stateKey()}; the second input is the station's {@code station_information}.
 *
 * <p>The area is decided by {@link AreaPlacement} when the station's information arrives or changes (polygon lookups
 * happen once per information change, not per status), kept in state, and given to every status of the station. No
 * station is dropped. The capacity is station_information's, else the override table's.
 *
 * <p>Information and statuses travel on different channels, so a station may show up before its information. Unless
 * the override table places it, its observations then wait in state until its information arrives, or until the
 * watermark passes their time (then they are {@code UNKNOWN}): the watermark of the information input promises that
 * all information read before that point has arrived, which makes a replay's answer independent of thread timing.
 * When a station's area changes (it moved), a tombstone for the old area goes out first, with the first status after
 * the change, so the station never counts in two areas.
 *
 * <p><b>What is left behind.</b> A tombstone forgets the area the station counted in; its station_information and
 * the area decided from it stay, as the information feed (read once in a replay) may still list it and the station
 * may come back. A station with no input on either side for {@link IdleKeyCleanup#RETENTION} (gone from both feeds,
 * or from a system no longer read) is forgotten; a station removed that never had information keeps nothing once its
 * tombstone is out.
 */
public class AssignArea extends KeyedCoProcessFunction<String, StationObservation, FeedItem, StationObservation> {

    public static final String NAME = "Place stations in areas";
    /** The uid of the versions that placed stations in postal codes: the state below is compatible with theirs. */
    public static final String UID = "assign-postal-code";

    public static final String UNKNOWN_AREAS_METRIC = "unknownAreas";

    private static final long serialVersionUID = 1L;

    private final AreaPlacement placement;

    private transient ValueState<StationInformation> information;
    /** The area decided from the information; null until information arrives. */
    private transient ValueState<PlacedArea> decidedArea;
    /** The area the station counts in now, as its last observation said; null after a tombstone. */
    private transient ValueState<PlacedArea> countedArea;
    /** The postal code of the versions before areas, cleared as stations are seen again. */
    private transient ValueState<String> legacyPostalCode;

    private transient ListState<StationObservation> awaitingInformation;
    /** Forgets a station that has had no input on either side for a day. */
    private transient IdleKeyCleanup cleanup;

    private transient Counter unknownAreas;

    public AssignArea(AreaPlacement placement) {
        this.placement = Objects.requireNonNull(placement, "placement");
    }

    @Override
    public void open(OpenContext openContext) {
        information = getRuntimeContext()
                .getState(new ValueStateDescriptor<>(
                        "station-information", TypeInformation.of(StationInformation.class)));
        decidedArea = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("decided-area", TypeInformation.of(PlacedArea.class)));
        countedArea = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("counted-area", TypeInformation.of(PlacedArea.class)));
        legacyPostalCode = getRuntimeContext().getState(new ValueStateDescriptor<>("postal-code", Types.STRING));
        awaitingInformation = getRuntimeContext()
                .getListState(new ListStateDescriptor<>(
                        "awaiting-information", TypeInformation.of(StationObservation.class)));
        cleanup = IdleKeyCleanup.inState(getRuntimeContext());
        unknownAreas = getRuntimeContext().getMetricGroup().counter(UNKNOWN_AREAS_METRIC);
    }

    @Override
    public void processElement1(StationObservation observation, Context context, Collector<StationObservation> out)
            throws Exception {
        cleanup.touch(context.timerService());
        if (decidedArea.value() == null) {
            // Restored from a version before areas: the station's information may be there, its area not yet.
            // Read only then: the information is not needed on the path of every status.
            StationInformation known = information.value();
            if (known != null) {
                decidedArea.update(placement.place(
                        observation.systemId(), known.stationCode(), known.stationId(), StationSite.of(known)));
            }
        }
        boolean othersWaiting = awaitingInformation.get().iterator().hasNext();
        if (othersWaiting
                || decidedArea.value() == null
                        && !placement.overridden(observation.stationCode(), observation.stationId())) {
            awaitingInformation.add(observation);
            context.timerService()
                    .registerEventTimeTimer(observation.observedAt().toEpochMilli());
            return;
        }
        assign(observation, out);
        if (observation.removed()) {
            cancelCleanupIfNothingLeft(context.timerService());
        }
    }

    @Override
    public void processElement2(FeedItem item, Context context, Collector<StationObservation> out) throws Exception {
        cleanup.touch(context.timerService());
        legacyPostalCode.clear();
        StationInformation info = Objects.requireNonNull(item.information(), "station information item");
        if (!info.equals(information.value()) || decidedArea.value() == null) {
            information.update(info);
            decidedArea.update(
                    placement.place(item.systemId(), info.stationCode(), info.stationId(), StationSite.of(info)));
        }
        List<StationObservation> waiting = new ArrayList<>();
        awaitingInformation.get().forEach(waiting::add);
        awaitingInformation.clear();
        for (StationObservation observation : waiting) {
            assign(observation, out);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<StationObservation> out) throws Exception {
        if (context.timeDomain() == TimeDomain.PROCESSING_TIME) {
            if (cleanup.expired(timestamp, context.timerService())) {
                // Observations still waiting have their own event-time timers, which will place them.
                information.clear();
                decidedArea.clear();
                countedArea.clear();
                legacyPostalCode.clear();
            }
            return;
        }
        List<StationObservation> stillWaiting = new ArrayList<>();
        boolean removed = false;
        for (StationObservation observation : awaitingInformation.get()) {
            if (observation.observedAt().toEpochMilli() <= timestamp && stillWaiting.isEmpty()) {
                assign(observation, out);
                removed |= observation.removed();
            } else {
                stillWaiting.add(observation);
            }
        }
        awaitingInformation.update(stillWaiting);
        if (removed) {
            cancelCleanupIfNothingLeft(context.timerService());
        }
    }

    /** After a tombstone: a station that never had information and waits for nothing has no state left. */
    private void cancelCleanupIfNothingLeft(TimerService timers) throws Exception {
        if (information.value() == null
                && countedArea.value() == null
                && !awaitingInformation.get().iterator().hasNext()) {
            legacyPostalCode.clear();
            cleanup.cancel(timers);
        }
    }

    private void assign(StationObservation observation, Collector<StationObservation> out) throws Exception {
        PlacedArea previous = countedArea.value();
        if (observation.removed()) {
            out.collect(
                    previous != null
                            ? observation.located(previous.kind(), previous.code(), observation.capacity())
                            : observation);
            countedArea.clear();
            return;
        }
        PlacedArea area = decidedArea.value();
        if (area == null) {
            // No information by the time the watermark passed: the override table's, else UNKNOWN.
            area = placement.place(observation.systemId(), observation.stationCode(), observation.stationId(), null);
        }
        if (area.kind() == AreaKind.UNKNOWN) {
            unknownAreas.inc();
        }
        if (previous != null && !previous.equals(area)) {
            out.collect(observation
                    .located(previous.kind(), previous.code(), observation.capacity())
                    .removedAt(observation.observedAt()));
        }
        countedArea.update(area);
        out.collect(observation.located(area.kind(), area.code(), capacity(observation)));
    }

    @Nullable
    private Integer capacity(StationObservation observation) throws Exception {
        StationInformation info = information.value();
        return info != null && info.capacity() != null
                ? info.capacity()
                : placement.tableCapacity(observation.stationCode(), observation.stationId());
    }
}
