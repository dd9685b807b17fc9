package org.velibstream.job.stats;

import java.time.Duration;
import java.time.Instant;
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
import org.apache.flink.util.OutputTag;
import org.velibstream.job.model.IdleKeyCleanup;
import org.velibstream.job.model.PendingObservations;
import org.velibstream.job.model.StationObservation;

/**
 * Per-area statistics over tumbling event-time windows, one series per system and area. Key the stream
 * by {@link StatsArea#of(StationObservation)}, with {@link #KEY_TYPE}.
 *
 * <p><b>Semantics.</b> The row of window {@code [start, end)} describes the area as of {@code end}: every
 * station known then counts once, with its latest observation before {@code end} (so at or before the window's
 * last millisecond, as in Flink's {@code TimeWindow}: an observation at exactly {@code end} belongs to the next
 * window). A tombstone removes its station from the rows of the windows after it. The per-station state carries
 * over from window to window, which is why this is a process function with timers rather than a window
 * operator. Repeated polls, unchanged data and duplicate records replace a station's observation by an equal or
 * newer one and never change the totals. A row is emitted only for a window in which at least one observation or
 * tombstone of the area arrived.
 *
 * <p><b>Late data.</b> An observation for a window the watermark has already passed (the window's last
 * millisecond is at or before the watermark, so its row, if any, is out) goes to the {@link #LATE_OBSERVATIONS}
 * side output and is counted in the {@value #LATE_OBSERVATIONS_METRIC} metric. It does not change the state: the
 * rows already emitted were right for the data on time, and the station's next poll carries newer numbers anyway.
 *
 * <p><b>State.</b> The latest observation of each station of the area, and, for each window not fired yet,
 * the latest observation of each station that reported in it; a window's observations are dropped once fired, and
 * an area whose last station was removed keeps nothing. An area that gets no input for
 * {@link IdleKeyCleanup#RETENTION} (its system is no longer read, or its stations left without tombstones) is
 * forgotten silently: no row is emitted for it then, and a row after that counts only stations seen again.
 */
public class AreaStatsFunction extends KeyedProcessFunction<StatsArea, StationObservation, AreaStats> {

    public static final String NAME = "Per-area statistics";
    /**
     * Not the {@code postal-code-stats} of the versions before areas: the key type changed, which Flink cannot
     * migrate, so this state starts empty after an upgrade and fills again from the next snapshot poll.
     */
    public static final String UID = "area-stats";

    public static final Duration DEFAULT_WINDOW_SIZE = Duration.ofMinutes(1);
    public static final TypeInformation<StatsArea> KEY_TYPE = TypeInformation.of(StatsArea.class);
    public static final String LATE_OBSERVATIONS_METRIC = "lateObservations";
    public static final OutputTag<StationObservation> LATE_OBSERVATIONS =
            new OutputTag<>("area-stats-late-observations", TypeInformation.of(StationObservation.class));

    private static final long serialVersionUID = 1L;

    private final long windowSizeMillis;

    /** Latest observation of every station present in the area as of the last fired window. */
    private transient MapState<String, StationObservation> latestByStation;
    /** Latest observation of each station within each window not fired yet, by the window's last millisecond. */
    private transient PendingObservations pendingWindows;
    /** Forgets an area that has had no input for a day. */
    private transient IdleKeyCleanup cleanup;

    private transient Counter lateObservations;

    /** @param windowSize the tumbling window size: positive, a whole number of milliseconds */
    public AreaStatsFunction(Duration windowSize) {
        if (windowSize.isNegative() || windowSize.isZero() || windowSize.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException(
                    "window size must be a positive whole number of milliseconds, got " + windowSize);
        }
        this.windowSizeMillis = windowSize.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        latestByStation = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "latest-by-station", Types.STRING, TypeInformation.of(StationObservation.class)));
        pendingWindows = PendingObservations.inState(getRuntimeContext(), "pending-windows");
        cleanup = IdleKeyCleanup.inState(getRuntimeContext());
        lateObservations = getRuntimeContext().getMetricGroup().counter(LATE_OBSERVATIONS_METRIC);
    }

    @Override
    public void processElement(StationObservation observation, Context context, Collector<AreaStats> out)
            throws Exception {
        long observedAt = observation.observedAt().toEpochMilli();
        long windowEnd = observedAt - Math.floorMod(observedAt, windowSizeMillis) + windowSizeMillis;
        // Held until the window's last millisecond, as Flink's TimeWindow fires at maxTimestamp().
        if (!pendingWindows.holdUntil(windowEnd - 1, observation, context.timerService())) {
            lateObservations.inc();
            context.output(LATE_OBSERVATIONS, observation);
            return;
        }
        cleanup.touch(context.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<AreaStats> out) throws Exception {
        if (context.timeDomain() == TimeDomain.PROCESSING_TIME) {
            if (cleanup.expired(timestamp, context.timerService())) {
                latestByStation.clear();
            }
            return;
        }
        long windowEnd = timestamp + 1;
        // Windows fire in event-time order and late observations never enter them, so what arrived in this
        // window is newer than anything already in latestByStation.
        for (Map.Entry<String, StationObservation> arrived :
                pendingWindows.take(timestamp).entrySet()) {
            StationObservation observation = arrived.getValue();
            if (observation.removed()) {
                latestByStation.remove(arrived.getKey());
            } else {
                latestByStation.put(arrived.getKey(), observation);
            }
        }
        out.collect(AreaStats.of(
                context.getCurrentKey(),
                Instant.ofEpochMilli(windowEnd - windowSizeMillis),
                Instant.ofEpochMilli(windowEnd),
                latestByStation.values()));
        if (latestByStation.isEmpty() && pendingWindows.isEmpty()) {
            cleanup.cancel(context.timerService());
        }
    }
}
