package org.velibstream.job.alerts;

import java.time.Instant;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.velibstream.job.model.IdleKeyCleanup;
import org.velibstream.job.model.PendingObservations;
import org.velibstream.job.model.StationObservation;

/**
 * Raises and resolves station anomaly alerts. Key the stream by {@link StationObservation#stateKey()}.
 * {@link StationJudgement} documents when each alert type opens and resolves; this class decides when an
 * observation is judged, and how long a station is remembered.
 *
 * <p><b>Event time.</b> Each observation waits in state for an event-time timer at its {@code observedAt}, so a
 * station's observations are judged in event-time order, whatever order they arrived in, and the same input gives
 * the same alerts on a replay and after a restore. A late observation (at or before the watermark: observations
 * after it were already judged) goes to the {@link #LATE_OBSERVATIONS} side output, which the job turns into a dead
 * letter, and the {@value #LATE_OBSERVATIONS_METRIC} metric instead.
 *
 * <p><b>Thresholds are earned by the data.</b> A duration threshold is met only by an observation that still shows
 * the condition at least that long after it started; no timer raises an alert on its own. So the final watermark of
 * a bounded replay, which fires every timer, never opens an alert that the observations did not show, and a feed
 * that stops sending data raises nothing (the removal of a station is what a tombstone says).
 *
 * <p><b>What is left behind.</b> A tombstone resolves every open alert of the station and clears its state; once its
 * timer has fired nothing of the station remains. A station that disappears without a tombstone (single Kafka
 * records have none) is forgotten silently after {@link IdleKeyCleanup#RETENTION} without input: its open alerts are
 * dropped unresolved, since nothing was observed that would resolve them.
 */
public class StationAlertDetector extends KeyedProcessFunction<String, StationObservation, StationAlert> {

    public static final String NAME = "Station anomaly alerts";
    public static final String UID = "station-alerts";
    public static final String LATE_OBSERVATIONS_METRIC = "lateObservations";
    public static final OutputTag<StationObservation> LATE_OBSERVATIONS =
            new OutputTag<>("station-alerts-late-observations", TypeInformation.of(StationObservation.class));

    private static final long serialVersionUID = 1L;

    private final AlertThresholds thresholds;

    private transient PendingObservations pending;
    private transient StationJudgement judgement;
    private transient IdleKeyCleanup cleanup;

    private transient Counter lateObservations;

    public StationAlertDetector(AlertThresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    @Override
    public void open(OpenContext openContext) {
        pending = PendingObservations.inState(getRuntimeContext(), "pending-observations");
        judgement = StationJudgement.inState(thresholds, getRuntimeContext());
        cleanup = IdleKeyCleanup.inState(getRuntimeContext());
        lateObservations = getRuntimeContext().getMetricGroup().counter(LATE_OBSERVATIONS_METRIC);
    }

    @Override
    public void processElement(StationObservation observation, Context context, Collector<StationAlert> out)
            throws Exception {
        if (!pending.holdUntil(observation.observedAt().toEpochMilli(), observation, context.timerService())) {
            lateObservations.inc();
            context.output(LATE_OBSERVATIONS, observation);
            return;
        }
        cleanup.touch(context.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<StationAlert> out) throws Exception {
        if (context.timeDomain() == TimeDomain.PROCESSING_TIME) {
            if (cleanup.expired(timestamp, context.timerService())) {
                judgement.forget();
            }
            return;
        }
        for (StationObservation observation : pending.take(timestamp).values()) {
            if (observation.removed()) {
                judgement.resolveAll(observation, out);
                if (pending.isEmpty()) {
                    cleanup.cancel(context.timerService());
                }
            } else {
                judgement.judge(observation, out);
            }
        }
    }

    /**
     * The number of bikes an observation showed: the element type of the {@code recent-bikes} state of savepoints
     * before issue 14, read once per station by {@link StationJudgementBeforeIssue14} (keep its name and fields).
     */
    public record BikeCount(Instant at, int bikes) {}
}
