package org.velibstream.job.model;

import java.time.Duration;
import javax.annotation.Nullable;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * Forgets the state of a key (a station, an area, a system, a feed) that has had no input for
 * {@link #RETENTION} of processing time: a station that disappears without a tombstone (single Kafka records carry
 * none), a feed or system no longer configured. A tombstone or a recovery clears state at once; this bounds what
 * nothing else would.
 *
 * <p><b>Why a processing-time timer with an explicit clear, not Flink's {@code StateTtlConfig}.</b> Enabling TTL on
 * a state that a running deployment's savepoints hold without TTL changes its serializer, and Flink refuses to
 * restore it ("compatibility failure"); a timer and one small new value state need no migration: an old savepoint
 * restores, its keys get their timer at their next input. Processing time, not event time, because the job's
 * answers must not depend on it: a replay of snapshots years apart (the bounded replay of {@code data/} spans 2022
 * to 2024) carries open alerts and counted stations across the gap today, and event-time expiry would drop them
 * there, and the final watermark of every bounded run would fire it. Processing time passes a day only in a job that
 * runs a day without a word about the key, which no replay does.
 *
 * <p><b>Cost.</b> One value read per input; the timer moves at most once per {@link #GRANULARITY}, as its time is
 * rounded up to it, so a key is forgotten between {@code RETENTION} and {@code RETENTION + GRANULARITY} after its
 * last input. There is at most one such timer per key.
 *
 * <p><b>Restores.</b> A timer whose time passed while the job was stopped fires as soon as the job runs again, before
 * any input could touch its key: such a timer is moved to {@code RETENTION} after this instance started instead, so
 * stopping the job for a day or more forgets nothing.
 */
public final class IdleKeyCleanup {

    /**
     * A day: GBFS feeds publish every minute or so, Vélib's every minute, and the source polls a failing feed at
     * least every {@code --http-max-backoff} (a minute); a key silent for a day belongs to a station, feed or system
     * the job no longer reads. It is also longer than every default threshold (the longest, {@code --stale-after},
     * is 2 hours).
     */
    public static final Duration RETENTION = Duration.ofDays(1);

    public static final Duration GRANULARITY = Duration.ofHours(1);

    /** The name of the keyed value state that holds a key's cleanup time, the same in every operator that uses it. */
    public static final String STATE_NAME = "idle-cleanup-at";

    private static final long RETENTION_MILLIS = RETENTION.toMillis();
    private static final long GRANULARITY_MILLIS = GRANULARITY.toMillis();

    /** The processing time of the key's cleanup timer; empty when the key has none. */
    private final ValueState<Long> cleanupAt;

    /** The processing time this instance first saw input or a timer; null before. */
    @Nullable
    private Long startedAt;

    private IdleKeyCleanup(ValueState<Long> cleanupAt) {
        this.cleanupAt = cleanupAt;
    }

    /** Binds to the keyed value state {@link #STATE_NAME} of the function that owns {@code runtimeContext}. */
    public static IdleKeyCleanup inState(RuntimeContext runtimeContext) {
        return new IdleKeyCleanup(runtimeContext.getState(new ValueStateDescriptor<>(STATE_NAME, Types.LONG)));
    }

    /** The current key had input now: its state lives until {@link #RETENTION} after now. */
    public void touch(TimerService timers) throws Exception {
        long now = now(timers);
        long due = roundUp(now + RETENTION_MILLIS);
        Long registered = cleanupAt.value();
        if (registered == null || registered != due) {
            move(registered, due, timers);
        }
    }

    /**
     * True when {@code timestamp} is the current key's cleanup timer and the key's state is due to go: the caller
     * clears its state (this clears its own). Call from {@code onTimer} for processing-time timers.
     */
    public boolean expired(long timestamp, TimerService timers) throws Exception {
        Long registered = cleanupAt.value();
        if (registered == null || registered != timestamp) {
            return false;
        }
        now(timers);
        // A timer registered by this instance is at least RETENTION after its start; an earlier one was restored.
        long notBefore = startedAt + RETENTION_MILLIS;
        if (timestamp < notBefore) {
            move(registered, roundUp(notBefore), timers);
            return false;
        }
        cleanupAt.clear();
        return true;
    }

    /** The current key's state is gone (a tombstone, a recovery): no cleanup is due any more. */
    public void cancel(TimerService timers) throws Exception {
        Long registered = cleanupAt.value();
        if (registered != null) {
            timers.deleteProcessingTimeTimer(registered);
            cleanupAt.clear();
        }
    }

    private void move(@Nullable Long registered, long due, TimerService timers) throws Exception {
        if (registered != null) {
            timers.deleteProcessingTimeTimer(registered);
        }
        timers.registerProcessingTimeTimer(due);
        cleanupAt.update(due);
    }

    private long now(TimerService timers) {
        long now = timers.currentProcessingTime();
        if (startedAt == null) {
            startedAt = now;
        }
        return now;
    }

    private static long roundUp(long millis) {
        return Math.floorDiv(millis, GRANULARITY_MILLIS) * GRANULARITY_MILLIS
                + (Math.floorMod(millis, GRANULARITY_MILLIS) == 0 ? 0 : GRANULARITY_MILLIS);
    }
}
