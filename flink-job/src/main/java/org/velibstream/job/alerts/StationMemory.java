package org.velibstream.job.alerts;

import java.time.Instant;
import java.util.Arrays;
import javax.annotation.Nullable;

/**
 * What {@link StationJudgement} remembers of one station between two observations, in one {@code long[]}: which
 * alerts are open, when the current runs of 0 bikes and 0 docks started, and the installed station's bike counts of
 * the last {@code suddenDropWithin} that can still be the start of a sudden drop. One value read and one write per
 * observation, serialized by Flink's primitive-array serializer (no Kryo, no POJO); it replaced four states that
 * were read one by one and a list rewritten at every observation.
 *
 * <p><b>Recent bike counts</b> are kept as a monotonic queue: oldest first, counts never rising. A count is dropped
 * when a later, strictly larger one arrives (the later one stays in the window longer and counts more, so the
 * earlier can never be the start of the largest fall), or when it leaves the window. The head is then the largest
 * count within the window, the earliest of equal ones: what a scan of every count found before. Only the largest
 * count needs to be checked: if a fall from some count reaches {@link AlertThresholds#suddenDropFrom}, so does the
 * fall from any larger count (the threshold grows by at most the fraction, at most 1, of the difference).
 *
 * <p><b>Layout</b> (a savepoint format: append, never reorder): {@code [flags, emptySince seconds, emptySince nanos,
 * fullSince seconds, fullSince nanos, then per count: seconds, nanos << 32 | bikes]}. Instants keep their
 * nanoseconds, so every {@code since} is the instant observed.
 */
final class StationMemory {

    private static final int FLAGS = 0;
    private static final int EMPTY_RUN = 1;
    private static final int FULL_RUN = 3;
    private static final int HEADER = 5;
    private static final long EMPTY_RUN_FLAG = 1L << 16;
    private static final long FULL_RUN_FLAG = 1L << 17;

    private long[] values;
    private int first = HEADER;
    private int end;

    private StationMemory(long[] values, int end) {
        this.values = values;
        this.end = end;
    }

    /** A station seen for the first time. */
    static StationMemory empty() {
        return new StationMemory(new long[HEADER + 8], HEADER);
    }

    /** The memory stored by {@link #toStored()}; the array is not changed. */
    static StationMemory of(long[] stored) {
        return new StationMemory(Arrays.copyOf(stored, stored.length + 2), stored.length);
    }

    long[] toStored() {
        long[] stored = new long[HEADER + end - first];
        System.arraycopy(values, 0, stored, 0, HEADER);
        System.arraycopy(values, first, stored, HEADER, end - first);
        return stored;
    }

    boolean isOpen(AlertType type) {
        return (values[FLAGS] & bitOf(type)) != 0;
    }

    void setOpen(AlertType type, boolean open) {
        values[FLAGS] = open ? values[FLAGS] | bitOf(type) : values[FLAGS] & ~bitOf(type);
    }

    /** The start of the current run of 0 bikes, null when there is none. */
    @Nullable
    Instant emptySince() {
        return runStart(EMPTY_RUN, EMPTY_RUN_FLAG);
    }

    /** The start of the current run of 0 docks, null when there is none. */
    @Nullable
    Instant fullSince() {
        return runStart(FULL_RUN, FULL_RUN_FLAG);
    }

    void setEmptySince(@Nullable Instant start) {
        setRunStart(EMPTY_RUN, EMPTY_RUN_FLAG, start);
    }

    void setFullSince(@Nullable Instant start) {
        setRunStart(FULL_RUN, FULL_RUN_FLAG, start);
    }

    /** Forgets the counts observed before {@code windowStart}. */
    void forgetCountsBefore(Instant windowStart) {
        while (first < end && isBefore(values[first], nanosOf(first), windowStart)) {
            first += 2;
        }
    }

    /** The largest count remembered, the earliest of equal ones; null when none is. */
    @Nullable
    Count largestCount() {
        return first < end ? new Count(instantOf(first), bikesOf(first)) : null;
    }

    /** Remembers {@code bikes} at {@code at}, later than every count remembered. */
    void addCount(Instant at, int bikes) {
        while (end > first && bikesOf(end - 2) < bikes) {
            end -= 2;
        }
        if (end + 2 > values.length) {
            int kept = end - first;
            long[] grown = new long[HEADER + Math.max(8, 2 * kept)];
            System.arraycopy(values, 0, grown, 0, HEADER);
            System.arraycopy(values, first, grown, HEADER, kept);
            values = grown;
            first = HEADER;
            end = HEADER + kept;
        }
        values[end] = at.getEpochSecond();
        values[end + 1] = ((long) at.getNano() << 32) | (bikes & 0xFFFFFFFFL);
        end += 2;
    }

    /** A station's number of bikes at an instant. */
    record Count(Instant at, int bikes) {}

    private int bikesOf(int index) {
        return (int) values[index + 1];
    }

    private int nanosOf(int index) {
        return (int) (values[index + 1] >>> 32);
    }

    private Instant instantOf(int index) {
        return Instant.ofEpochSecond(values[index], nanosOf(index));
    }

    private static boolean isBefore(long seconds, int nanos, Instant other) {
        return seconds < other.getEpochSecond() || (seconds == other.getEpochSecond() && nanos < other.getNano());
    }

    @Nullable
    private Instant runStart(int index, long flag) {
        return (values[FLAGS] & flag) == 0 ? null : Instant.ofEpochSecond(values[index], values[index + 1]);
    }

    private void setRunStart(int index, long flag, @Nullable Instant start) {
        if (start == null) {
            values[FLAGS] &= ~flag;
            values[index] = 0;
            values[index + 1] = 0;
        } else {
            values[FLAGS] |= flag;
            values[index] = start.getEpochSecond();
            values[index + 1] = start.getNano();
        }
    }

    /** The flag of an open alert of {@code type}: part of the savepoint format, so fixed here, not an ordinal. */
    private static long bitOf(AlertType type) {
        return switch (type) {
            case EMPTY -> 1L;
            case FULL -> 1L << 1;
            case STALE -> 1L << 2;
            case OFFLINE -> 1L << 3;
            case SUDDEN_DROP -> 1L << 4;
            case INCONSISTENT -> 1L << 5;
            case FEED_DOWN -> throw new IllegalArgumentException("a feed alert is no station's");
        };
    }
}
