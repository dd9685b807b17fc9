package org.velibstream.source.http.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;

/** The poll schedule in test time: a clock that moves only when the test moves it, jitter from a seeded source. */
class PollScheduleTest {

    private static final Instant START = Instant.parse("2026-11-23T03:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(60);
    private static final ExponentialBackoff BACKOFF =
            new ExponentialBackoff(Duration.ofSeconds(1), Duration.ofMinutes(1));

    private final TestClock clock = new TestClock(START);

    @Test
    void aNewEndpointIsDueAtOnceAndNotAgainWhileItsPollIsUnderWay() {
        PollSchedule schedule = schedule(fixedJitter(0.5));
        schedule.add("a", INTERVAL, 0);

        assertThat(schedule.dueNow()).containsExactly("a");
        assertThat(schedule.nextDueAt()).contains(START);

        assertThat(schedule.started("a")).isEqualTo(1);
        assertThat(schedule.dueNow()).isEmpty();
        assertThat(schedule.nextDueAt()).as("a poll under way is not due").isEmpty();
    }

    @Test
    void aRestoredEndpointCountsItsPollsOnFromItsSplit() {
        PollSchedule schedule = schedule(fixedJitter(0.5));
        schedule.add("a", INTERVAL, 12);

        assertThat(schedule.started("a")).isEqualTo(13);
        assertThat(schedule.polls("a")).isEqualTo(13);
    }

    @Test
    void afterASuccessTheNextPollStartsOneIntervalAfterThePreviousStarted() {
        PollSchedule schedule = schedule(fixedJitter(0.5));
        schedule.add("a", INTERVAL, 0);

        schedule.started("a");
        clock.advanceMillis(300); // the answer took 300 ms
        assertThat(schedule.succeeded("a")).isEmpty();

        assertThat(schedule.nextPollAt("a")).isEqualTo(START.plus(INTERVAL));
        clock.advance(INTERVAL.minusMillis(301));
        assertThat(schedule.dueNow()).isEmpty();
        clock.advanceMillis(1);
        assertThat(schedule.dueNow()).containsExactly("a");
    }

    @Test
    void anAnswerSlowerThanTheIntervalMakesTheNextPollDueAtOnce() {
        PollSchedule schedule = schedule(fixedJitter(0.5));
        schedule.add("a", Duration.ofSeconds(10), 0);

        schedule.started("a");
        clock.advance(Duration.ofSeconds(12));
        schedule.succeeded("a");

        assertThat(schedule.nextPollAt("a")).isEqualTo(clock.instant());
        assertThat(schedule.dueNow()).containsExactly("a");
    }

    @Test
    void jitterDrawsEachDelayBetweenHalfAndAllOfTheExponentialValue() {
        Set<Duration> delays = new HashSet<>();
        PollSchedule schedule = schedule(new SplittableRandom(42));
        schedule.add("a", INTERVAL, 0);
        for (int i = 0; i < 200; i++) {
            Duration delay = fail(schedule, "a", null);
            assertThat(delay).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
            assertThat(schedule.nextPollAt("a")).isEqualTo(clock.instant().plus(delay));
            delays.add(delay);
            succeed(schedule, "a");
        }
        assertThat(delays).as("jitter spreads the delays").hasSizeGreaterThan(100);

        assertThat(delaysOfAStreak(fixedJitter(0.0), 1)).containsExactly(Duration.ofMillis(500));
        assertThat(delaysOfAStreak(fixedJitter(0.999_999), 1)).containsExactly(Duration.ofMillis(999));
    }

    @Test
    void theSameSeedGivesTheSameDelays() {
        assertThat(delaysOfAStreak(new SplittableRandom(7), 8)).isEqualTo(delaysOfAStreak(new SplittableRandom(7), 8));
    }

    @Test
    void backoffDoublesWithEachFailureUpToTheMaximum() {
        List<Duration> lowest = delaysOfAStreak(fixedJitter(0.0), 9);
        List<Duration> highest = delaysOfAStreak(fixedJitter(0.999_999), 9);

        assertThat(lowest)
                .containsExactly(
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(16),
                        Duration.ofSeconds(30), // 64 s capped at 60 s, of which half is fixed
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(30));
        assertThat(highest).allSatisfy(delay -> assertThat(delay).isLessThanOrEqualTo(Duration.ofMinutes(1)));
        assertThat(highest.get(8)).isBetween(Duration.ofSeconds(59), Duration.ofMinutes(1));
    }

    @Test
    void aSuccessEndsTheStreakAndResetsTheBackoff() {
        PollSchedule schedule = schedule(fixedJitter(0.0));
        schedule.add("a", INTERVAL, 0);
        Instant firstFailure = START.plusMillis(100);
        for (int i = 1; i <= 3; i++) {
            schedule.started("a");
            clock.advanceMillis(100); // each failure is noticed 100 ms after its poll started
            clock.advance(schedule.failed("a", null));
            assertThat(schedule.consecutiveFailures("a")).isEqualTo(i);
        }
        Instant lastStart = clock.instant();
        schedule.started("a");
        clock.advanceMillis(100);

        PollSchedule.FailureStreak streak = schedule.succeeded("a").orElseThrow();

        assertThat(streak.failures()).isEqualTo(3);
        assertThat(streak.lasted()).isEqualTo(Duration.between(firstFailure, clock.instant()));
        assertThat(schedule.consecutiveFailures("a")).isZero();
        assertThat(schedule.nextPollAt("a")).isEqualTo(lastStart.plus(INTERVAL));
        clock.advance(INTERVAL);
        assertThat(fail(schedule, "a", null)).as("back to the first step").isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void retryAfterInSecondsWinsOverAShorterBackoff() {
        PollSchedule schedule = schedule(fixedJitter(0.0));
        schedule.add("a", INTERVAL, 0);

        assertThat(fail(schedule, "a", "120")).isEqualTo(Duration.ofSeconds(120));
        assertThat(schedule.nextPollAt("a")).isEqualTo(clock.instant().plusSeconds(120));
        clock.advance(Duration.ofSeconds(119));
        assertThat(schedule.dueNow()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(schedule.dueNow()).containsExactly("a");
    }

    @Test
    void retryAfterAsAnHttpDateIsReadAgainstTheClock() {
        PollSchedule schedule = schedule(fixedJitter(0.0));
        schedule.add("a", INTERVAL, 0);
        schedule.started("a");
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                START.plusSeconds(120).atOffset(ZoneOffset.UTC));

        assertThat(schedule.failed("a", inTwoMinutes)).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void aBackoffLongerThanRetryAfterWinsAndUnreadableRetryAfterIsIgnored() {
        PollSchedule schedule = schedule(fixedJitter(0.0));
        schedule.add("a", INTERVAL, 0);

        assertThat(fail(schedule, "a", "0")).isEqualTo(Duration.ofMillis(500));
        assertThat(fail(schedule, "a", "soon")).isEqualTo(Duration.ofSeconds(1));
        assertThat(fail(schedule, "a", "Mon, 23 Nov 2026 02:00:00 GMT"))
                .as("a date in the past")
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void retryAfterIsHonouredUpToOneHour() {
        PollSchedule schedule = schedule(fixedJitter(0.0));
        schedule.add("a", INTERVAL, 0);

        assertThat(fail(schedule, "a", "86400")).isEqualTo(PollSchedule.MAX_RETRY_AFTER);
        assertThat(fail(schedule, "a", "99999999999999999999")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void endpointsInterleaveEachOnItsOwnInterval() {
        PollSchedule schedule = schedule(fixedJitter(0.0));
        schedule.add("fast", Duration.ofSeconds(10), 0);
        schedule.add("slow", Duration.ofSeconds(25), 0);
        schedule.add("failing", Duration.ofSeconds(10), 0);
        Map<String, List<Long>> startedAtMillis = new LinkedHashMap<>();

        // One minute of test time in steps of 100 ms; every answer is immediate, "failing" always fails.
        for (long millis = 0; millis <= 60_000; millis += 100) {
            for (String id : schedule.dueNow()) {
                schedule.started(id);
                startedAtMillis
                        .computeIfAbsent(id, key -> new ArrayList<>())
                        .add(Duration.between(START, clock.instant()).toMillis());
                if (id.equals("failing")) {
                    schedule.failed(id, null);
                } else {
                    schedule.succeeded(id);
                }
            }
            Instant next = schedule.nextDueAt().orElseThrow();
            assertThat(next).isAfter(clock.instant());
            clock.advanceMillis(100);
        }

        assertThat(startedAtMillis.get("fast"))
                .containsExactly(0L, 10_000L, 20_000L, 30_000L, 40_000L, 50_000L, 60_000L);
        assertThat(startedAtMillis.get("slow")).containsExactly(0L, 25_000L, 50_000L);
        // Backoff 0.5, 1, 2, 4, 8, 16, 30 s (lowest jitter) after each failure, not the 10 s interval.
        assertThat(startedAtMillis.get("failing")).containsExactly(0L, 500L, 1_500L, 3_500L, 7_500L, 15_500L, 31_500L);
    }

    @Test
    void aPausedEndpointIsNotDueUntilResumed() {
        PollSchedule schedule = schedule(fixedJitter(0.5));
        schedule.pause("a"); // Flink may pause a split before it reaches the reader.
        schedule.add("a", INTERVAL, 0);
        schedule.add("b", INTERVAL, 0);

        assertThat(schedule.dueNow()).containsExactly("b");
        schedule.started("b");
        assertThat(schedule.nextDueAt()).isEmpty();

        schedule.resume("a");
        assertThat(schedule.dueNow()).containsExactly("a");
    }

    @Test
    void anEndpointIsNeverDueAgainOnceItReachedItsPollLimit() {
        PollSchedule schedule = new PollSchedule(BACKOFF, 2L, clock, fixedJitter(0.5));
        schedule.add("a", INTERVAL, 1);

        assertThat(schedule.pollLimitReached("a")).isFalse();
        schedule.started("a");
        assertThat(schedule.pollLimitReached("a")).isTrue();
        schedule.succeeded("a");
        clock.advance(INTERVAL.multipliedBy(10));

        assertThat(schedule.dueNow()).isEmpty();
        assertThat(schedule.nextDueAt()).isEmpty();
        assertThat(schedule.pollLimitReached(2)).isTrue();
        assertThat(schedule(fixedJitter(0.5)).pollLimitReached(Long.MAX_VALUE))
                .as("no limit")
                .isFalse();
    }

    @Test
    void aRemovedEndpointIsForgotten() {
        PollSchedule schedule = schedule(fixedJitter(0.5));
        schedule.add("a", INTERVAL, 0);
        schedule.remove("a");

        assertThat(schedule.dueNow()).isEmpty();
        assertThat(schedule.nextDueAt()).isEmpty();
    }

    private PollSchedule schedule(RandomGenerator random) {
        return new PollSchedule(BACKOFF, null, clock, random);
    }

    /** Starts a poll of a due endpoint and fails it at once; returns the delay the schedule chose. */
    private static Duration fail(PollSchedule schedule, String id, @Nullable String retryAfter) {
        schedule.started(id);
        return schedule.failed(id, retryAfter);
    }

    private static void succeed(PollSchedule schedule, String id) {
        schedule.started(id);
        schedule.succeeded(id);
    }

    private List<Duration> delaysOfAStreak(RandomGenerator random, int failures) {
        PollSchedule schedule = schedule(random);
        schedule.add("a", INTERVAL, 0);
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < failures; i++) {
            delays.add(fail(schedule, "a", null));
            clock.advance(delays.get(i));
        }
        return delays;
    }

    /** A random source whose every draw is {@code value}, for the edges of the jitter band. */
    private static RandomGenerator fixedJitter(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("the schedule draws doubles");
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }
}
