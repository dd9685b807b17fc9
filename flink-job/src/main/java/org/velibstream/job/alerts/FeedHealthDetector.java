package org.velibstream.job.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.job.ingest.FeedHealth;
import org.velibstream.job.model.IdleKeyCleanup;

/**
 * Raises {@link AlertType#FEED_DOWN} when every poll of a feed has failed for {@code downAfter}, and resolves it at
 * the feed's first answer (a document, an unchanged one, or a 304). Key the stream by {@link FeedHealth#feedKey()}.
 *
 * <p><b>Time</b> is the polls' own time, from the source: the streak starts when its first failed poll started, so a
 * feed down from the job's first poll counts from there. The alert opens at the first failed poll at least
 * {@code downAfter} after that start, or, when no poll comes by then, on a processing-time timer at that instant:
 * a hanging endpoint reports each failure only at the request timeout, and the source's backoff
 * ({@code --http-max-backoff}) may space failures more widely than the threshold. Poll time and processing time are both the
 * TaskManagers' wall clocks. Feed health is not event time: a replay of 2024 documents polled today is down or up
 * today.
 *
 * <p><b>What is left behind.</b> Nothing once a feed answers again: the streak, its alert and its timers go. A feed
 * that stops being polled while down (no longer configured) is forgotten after {@link IdleKeyCleanup#RETENTION}
 * without a poll, its alert left open: nothing was seen that would resolve it.
 *
 * <p>A FEED_DOWN alert names the feed where a station alert names a station (see {@link #feedAlert}).
 */
public class FeedHealthDetector extends KeyedProcessFunction<String, FeedHealth, StationAlert> {

    public static final String NAME = "Feed down alerts";
    public static final String UID = "feed-down-alerts";
    /** The area of every feed alert (of kind {@link AreaKind#UNKNOWN}): it belongs to no place. */
    public static final String FEED_AREA = "FEED";

    private static final long serialVersionUID = 1L;

    private final Duration downAfter;

    /** The current run of failed polls; empty while the feed answers. */
    private transient ValueState<FailureStreak> streak;
    /** The FEED_DOWN alert opened in the current streak; empty when none is open. */
    private transient ValueState<StationAlert> openAlert;
    /** Forgets a feed that is no longer polled while down. */
    private transient IdleKeyCleanup cleanup;

    public FeedHealthDetector(Duration downAfter) {
        this.downAfter = Objects.requireNonNull(downAfter, "downAfter");
        if (downAfter.isNegative() || downAfter.isZero()) {
            throw new IllegalArgumentException("feed-down-after must be positive, got " + downAfter);
        }
    }

    @Override
    public void open(OpenContext openContext) {
        streak = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("failure-streak", TypeInformation.of(FailureStreak.class)));
        openAlert = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("open-feed-alert", TypeInformation.of(StationAlert.class)));
        cleanup = IdleKeyCleanup.inState(getRuntimeContext());
    }

    @Override
    public void processElement(FeedHealth health, Context context, Collector<StationAlert> out) throws Exception {
        FailureStreak current = streak.value();
        if (health.up()) {
            if (current != null) {
                recovered(current, health, context, out);
            }
            return;
        }
        cleanup.touch(context.timerService());
        if (current == null) {
            current = FailureStreak.startedBy(health);
            context.timerService().registerProcessingTimeTimer(downAt(current).toEpochMilli());
        } else {
            current = current.and(health);
        }
        streak.update(current);
        if (!health.polledAt().isBefore(downAt(current))) {
            openOnce(current, health.polledAt(), out);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<StationAlert> out) throws Exception {
        if (cleanup.expired(timestamp, context.timerService())) {
            streak.clear();
            openAlert.clear();
            return;
        }
        FailureStreak current = streak.value();
        if (current != null) {
            openOnce(current, Instant.ofEpochMilli(timestamp), out);
        }
    }

    private Instant downAt(FailureStreak current) {
        return current.since().plus(downAfter);
    }

    private void openOnce(FailureStreak current, Instant detectedAt, Collector<StationAlert> out) throws Exception {
        if (openAlert.value() != null) {
            return;
        }
        StationAlert opened = feedAlert(
                current.systemId(),
                current.feed(),
                current.since(),
                detectedAt,
                current.feed() + " of " + current.systemId() + " down: " + current.describe() + "; last: "
                        + current.lastReason());
        openAlert.update(opened);
        out.collect(opened);
    }

    private void recovered(FailureStreak ended, FeedHealth health, Context context, Collector<StationAlert> out)
            throws Exception {
        StationAlert open = openAlert.value();
        if (open != null) {
            out.collect(open.resolved(
                    health.polledAt(),
                    ended.feed() + " of " + ended.systemId() + " answers again after " + ended.describe()));
        }
        context.timerService().deleteProcessingTimeTimer(downAt(ended).toEpochMilli());
        cleanup.cancel(context.timerService());
        streak.clear();
        openAlert.clear();
    }

    /**
     * The identity of a feed alert: its system, the feed's name ({@code station_status}) in place of a station code,
     * and {@value #FEED_AREA} in place of an area, so it is keyed and stored like a station's alerts.
     * Its type alone keeps its rows apart from those of a station that happened to have that code.
     */
    static StationAlert feedAlert(String systemId, String feed, Instant since, Instant detectedAt, String details) {
        return new StationAlert(
                systemId,
                feed,
                AreaKind.UNKNOWN,
                FEED_AREA,
                AlertType.FEED_DOWN,
                AlertState.OPEN,
                since,
                detectedAt,
                details);
    }

    /**
     * A run of failed polls of one feed.
     *
     * @param since when the first failed poll started
     * @param failures how many polls failed
     * @param failureKinds the kinds of failure seen, in the order they first appeared
     * @param lastReason the last failure's reason
     */
    public record FailureStreak(
            String systemId, String feed, Instant since, int failures, List<String> failureKinds, String lastReason) {

        public FailureStreak {
            Objects.requireNonNull(systemId, "systemId");
            Objects.requireNonNull(feed, "feed");
            Objects.requireNonNull(since, "since");
            failureKinds = List.copyOf(failureKinds);
            Objects.requireNonNull(lastReason, "lastReason");
        }

        static FailureStreak startedBy(FeedHealth failure) {
            return new FailureStreak(
                    failure.systemId(),
                    failure.feed(),
                    failure.polledAt(),
                    1,
                    List.of(Objects.requireNonNull(failure.failure())),
                    Objects.requireNonNull(failure.reason()));
        }

        FailureStreak and(FeedHealth failure) {
            List<String> kinds = new ArrayList<>(failureKinds);
            if (!kinds.contains(failure.failure())) {
                kinds.add(failure.failure());
            }
            return new FailureStreak(
                    systemId, feed, since, failures + 1, kinds, Objects.requireNonNull(failure.reason()));
        }

        String describe() {
            return failures + " failed poll" + (failures == 1 ? "" : "s") + " since " + since + " ("
                    + String.join(", ", failureKinds) + ")";
        }
    }
}
