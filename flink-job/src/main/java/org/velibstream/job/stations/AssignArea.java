package org.velibstream.job.stations;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
import org.velibstream.data.stations.Coordinates;
import org.velibstream.gbfs.StationInformation;
import org.velibstream.job.ingest.FeedItem;
import org.velibstream.job.model.IdleKeyCleanup;
import org.velibstream.job.model.StationObservation;

/**
 * Gives each station observation its postal code and capacity. Keyed by {@link StationObservation#stateKey()}; the
 * second input is the station's {@code station_information}.
 *
 * <p>The postal code comes from the {@link StationDirectory} table; a station missing from it takes the postal
 * code of the nearest known station within 1 km of its coordinates from station_information, else
 * {@value StationObservation#UNKNOWN_POSTAL_CODE}. No station is dropped. The capacity is station_information's,
 * else the table's.
 *
 * <p>Information and statuses travel on different channels, so a station missing from the table may show up
 * before its coordinates. Its observations then wait in state until its information arrives, or until the
 * watermark passes their time: the watermark of the information input promises that all information read before
 * that point has arrived, which makes a replay's answer independent of thread timing. When a station's postal
 * code changes (it moved, or the table changed), a tombstone for the old postal code goes out first, so the station
 * never counts in two postal codes.
 *
 * <p><b>What is left behind.</b> A tombstone forgets the station's postal code; its station_information stays, as
 * the information feed (read once in a replay) may still list it and the station may come back. A station with no
 * input on either side for {@link IdleKeyCleanup#RETENTION} (gone from both feeds, or from a system no longer read)
 * is forgotten; a station removed that never had information keeps nothing once its tombstone is out.
 */
public class AssignPostalCode extends KeyedCoProcessFunction<String, StationObservation, FeedItem, StationObservation> {

    public static final String NAME = "Assign postal codes";
    public static final String UID = "assign-postal-code";
    public static final String UNKNOWN_POSTAL_CODES_METRIC = "unknownPostalCodes";

    private static final long serialVersionUID = 1L;

    private final StationDirectory directory;

    private transient ValueState<StationInformation> information;
    private transient ValueState<String> assignedPostalCode;
    private transient ListState<StationObservation> awaitingInformation;
    /** Forgets a station that has had no input on either side for a day. */
    private transient IdleKeyCleanup cleanup;

    private transient Counter unknownPostalCodes;

    public AssignPostalCode(StationDirectory directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    @Override
    public void open(OpenContext openContext) {
        information = getRuntimeContext()
                .getState(new ValueStateDescriptor<>(
                        "station-information", TypeInformation.of(StationInformation.class)));
        assignedPostalCode = getRuntimeContext().getState(new ValueStateDescriptor<>("postal-code", Types.STRING));
        awaitingInformation = getRuntimeContext()
                .getListState(new ListStateDescriptor<>(
                        "awaiting-information", TypeInformation.of(StationObservation.class)));
        cleanup = IdleKeyCleanup.inState(getRuntimeContext());
        unknownPostalCodes = getRuntimeContext().getMetricGroup().counter(UNKNOWN_POSTAL_CODES_METRIC);
    }

    @Override
    public void processElement1(StationObservation observation, Context context, Collector<StationObservation> out)
            throws Exception {
        cleanup.touch(context.timerService());
        boolean othersWaiting = awaitingInformation.get().iterator().hasNext();
        if (othersWaiting || information.value() == null && !inTable(observation)) {
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
        information.update(Objects.requireNonNull(item.information(), "station information item"));
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
                // Observations still waiting have their own event-time timers, which will assign them.
                information.clear();
                assignedPostalCode.clear();
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
                && assignedPostalCode.value() == null
                && !awaitingInformation.get().iterator().hasNext()) {
            cleanup.cancel(timers);
        }
    }

    private boolean inTable(StationObservation observation) {
        return directory
                        .locate(observation.stationCode(), observation.stationId(), null)
                        .resolution()
                == StationLocation.Resolution.TABLE;
    }

    private void assign(StationObservation observation, Collector<StationObservation> out) throws Exception {
        String previous = assignedPostalCode.value();
        if (observation.removed()) {
            out.collect(observation.located(
                    previous != null ? previous : observation.postalCode(), observation.capacity()));
            assignedPostalCode.clear();
            return;
        }
        StationInformation info = information.value();
        StationLocation location = directory.locate(
                observation.stationCode(),
                observation.stationId(),
                info != null ? new Coordinates(info.lat(), info.lon()) : null);
        String postalCode = location.postalCode();
        if (location.resolution() == StationLocation.Resolution.UNKNOWN) {
            unknownPostalCodes.inc();
        }
        if (previous != null && !previous.equals(postalCode)) {
            out.collect(observation.located(previous, observation.capacity()).removedAt(observation.observedAt()));
        }
        assignedPostalCode.update(postalCode);
        Integer capacity = info != null && info.capacity() != null
                ? info.capacity()
                : location.resolution() == StationLocation.Resolution.TABLE && location.station() != null
                        ? location.station().capacity()
                        : null;
        out.collect(observation.located(postalCode, capacity));
    }
}
