package org.velibstream.source.http.reader;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import javax.annotation.Nullable;

/**
 * When each endpoint of one split reader polls next: a new endpoint at once; after a success one poll interval after
 * the previous poll started (at once if that has passed); after a failure after the exponential backoff with jitter
 * or the server's Retry-After, whichever is longer. An endpoint whose poll is under way, that is paused, or that has
 * used up its poll limit is not due.
 *
 * <p>Time and jitter come from the injected clock and random source, so that tests can run the schedule in test time.
 * Not thread-safe: only the fetcher thread uses it.
 */
final class PollSchedule {

    /** A server may not park an endpoint for longer than this with Retry-After. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private final ExponentialBackoff backoff;

    @Nullable
    private final Long stopAfterPolls;

    private final Clock clock;
    private final RandomGenerator random;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    // Kept apart from the entries: Flink may pause a split before or after it is added.
    private final Set<String> paused = new HashSet<>();

    /**
     * @param stopAfterPolls if set, an endpoint is never due again once it has been polled this many times
     * @param random draws the backoff jitter; seeded in tests
     */
    PollSchedule(ExponentialBackoff backoff, @Nullable Long stopAfterPolls, Clock clock, RandomGenerator random) {
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.stopAfterPolls = stopAfterPolls;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A failed poll's streak that a success has just ended. */
    record FailureStreak(int failures, Duration lasted) {}

    /** Adds an endpoint, due at once; {@code pollsSoFar} counts the polls of a restored split towards its limit. */
    void add(String endpointId, Duration pollInterval, long pollsSoFar) {
        entries.put(endpointId, new Entry(pollInterval, pollsSoFar, clock.instant()));
    }

    void remove(String endpointId) {
        entries.remove(endpointId);
    }

    /** A paused endpoint finishes its poll under way but is not due again until resumed. */
    void pause(String endpointId) {
        paused.add(endpointId);
    }

    void resume(String endpointId) {
        paused.remove(endpointId);
    }

    /** The endpoints due now, in the order they were added. */
    List<String> dueNow() {
        Instant now = clock.instant();
        List<String> due = new ArrayList<>();
        entries.forEach((id, entry) -> {
            if (isWaiting(id, entry) && !now.isBefore(entry.nextPollAt)) {
                due.add(id);
            }
        });
        return due;
    }

    /** When the next endpoint becomes due, if any can. */
    Optional<Instant> nextDueAt() {
        Instant next = null;
        for (Map.Entry<String, Entry> idAndEntry : entries.entrySet()) {
            Entry entry = idAndEntry.getValue();
            if (isWaiting(idAndEntry.getKey(), entry) && (next == null || entry.nextPollAt.isBefore(next))) {
                next = entry.nextPollAt;
            }
        }
        return Optional.ofNullable(next);
    }

    /** Records that the endpoint's poll has started; returns the poll's number, counting restored polls. */
    long started(String endpointId) {
        Entry entry = entry(endpointId);
        entry.startedAt = clock.instant();
        return ++entry.polls;
    }

    /**
     * The poll under way answered usefully: the next one starts one poll interval after it started.
     *
     * @return the failure streak this success ended, if there was one
     */
    Optional<FailureStreak> succeeded(String endpointId) {
        Entry entry = entry(endpointId);
        Instant now = clock.instant();
        Instant next = entry.takeStartedAt().plus(entry.pollInterval);
        entry.nextPollAt = next.isBefore(now) ? now : next;
        if (entry.consecutiveFailures == 0) {
            return Optional.empty();
        }
        FailureStreak ended = new FailureStreak(entry.consecutiveFailures, Duration.between(entry.failingSince, now));
        entry.consecutiveFailures = 0;
        entry.failingSince = null;
        return Optional.of(ended);
    }

    /**
     * The poll under way failed: the next one waits for the backoff of the failure streak, or for the server's
     * Retry-After (honoured up to {@link #MAX_RETRY_AFTER}) if that is longer.
     *
     * @param retryAfter the response's Retry-After header, null when there was no response or no header
     * @return how long the endpoint now waits
     */
    Duration failed(String endpointId, @Nullable String retryAfter) {
        Entry entry = entry(endpointId);
        entry.takeStartedAt();
        Instant now = clock.instant();
        entry.consecutiveFailures++;
        if (entry.consecutiveFailures == 1) {
            entry.failingSince = now;
        }
        Duration delay = backoff.delayAfter(entry.consecutiveFailures, random.nextDouble());
        Optional<Duration> requested = RetryAfter.parse(retryAfter, now);
        if (requested.isPresent()) {
            Duration honoured = requested.get().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : requested.get();
            if (honoured.compareTo(delay) > 0) {
                delay = honoured;
            }
        }
        entry.nextPollAt = now.plus(delay);
        return delay;
    }

    /** Failures in a row of the endpoint, not counting a poll under way. */
    int consecutiveFailures(String endpointId) {
        return entry(endpointId).consecutiveFailures;
    }

    /** Polls started so far, counting those of a restored split. */
    long polls(String endpointId) {
        return entry(endpointId).polls;
    }

    boolean pollLimitReached(String endpointId) {
        return pollLimitReached(entry(endpointId).polls);
    }

    boolean pollLimitReached(long polls) {
        return stopAfterPolls != null && polls >= stopAfterPolls;
    }

    Instant nextPollAt(String endpointId) {
        return entry(endpointId).nextPollAt;
    }

    private boolean isWaiting(String endpointId, Entry entry) {
        return entry.startedAt == null && !pollLimitReached(entry.polls) && !paused.contains(endpointId);
    }

    private Entry entry(String endpointId) {
        Entry entry = entries.get(endpointId);
        if (entry == null) {
            throw new IllegalArgumentException("Unknown endpoint " + endpointId);
        }
        return entry;
    }

    private static final class Entry {
        final Duration pollInterval;
        long polls;
        Instant nextPollAt;
        int consecutiveFailures;

        /** When the poll under way started; null while the endpoint waits. */
        @Nullable
        Instant startedAt;

        @Nullable
        Instant failingSince;

        Entry(Duration pollInterval, long polls, Instant nextPollAt) {
            this.pollInterval = pollInterval;
            this.polls = polls;
            this.nextPollAt = nextPollAt;
        }

        Instant takeStartedAt() {
            if (startedAt == null) {
                throw new IllegalStateException("No poll under way");
            }
            Instant started = startedAt;
            startedAt = null;
            return started;
        }
    }
}
