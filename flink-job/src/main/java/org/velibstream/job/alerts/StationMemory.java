package org.velibstream.job.alerts;

import java.time.Instant;
import javax.annotation.Nullable;

/**
 * What {@link StationJudgement} remembers of one station between two observations, stored as one {@code long[]}:
 * which alerts are open, when the current runs of 0 bikes and 0 docks started, and the installed station's bike
 * counts of the last {@code suddenDropWithin} that can still be the start of a sudden drop. One value read and one
 * write per observation, serialized by Flink's primitive-array serializer (no Kryo, no POJO); it replaced four
 * states that were read one by one and a list rewritten at every observation.
 *
 * <p><b>Recent bike counts</b> are kept as a monotonic queue: oldest first, counts never rising. A count is dropped
 * when a later, strictly larger one arrives (the later one stays in the window longer and counts more, so the
 * earlier can never be the start of the largest fall), or when it leaves the window. The head is then the largest
 * count within the window, the earliest of equal ones: what a scan of every count found before. Only the largest
 * count needs to be checked: if a fall from some count reaches {@link AlertThresholds#suddenDropFrom}, so does the
 * fall from any larger count (the threshold grows by at most the fraction, at most 1, of the difference).
 *
 * <p><b>Stored form</b> (a savepoint format: new flags and fields may be added, never reordered): {@code flags};
 * then, when the flag says so, the start of the run of 0 bikes and of 0 docks (seconds, nanoseconds each); then,
 * when there are counts, the first count's epoch second and the counts, one {@code long} each (seconds after the
 * first count {@code << 32 | bikes}), or, when a count's time has a fraction of a second or lies 68 years after the
 * first (flag {@code WIDE_COUNTS}), two each (seconds, {@code nanos << 32 | bikes}). Every instant keeps its
 * nanoseconds, so every {@code since} is the instant observed.
 */
final class StationMemory {

    private static final long EMPTY_RUN = 1L << 16;
    private static final long FULL_RUN = 1L << 17;
    private static final long WIDE_COUNTS = 1L << 18;

    /** Open alerts (bits 0 to 15) and which runs there are; {@code WIDE_COUNTS} only in the stored form. */
    private long flags;

    private long emptySeconds;
    private int emptyNanos;
    private long fullSeconds;
    private int fullNanos;

    /** Counts as pairs (epoch second, nanos {@code << 32} | bikes), from {@code first} to {@code end}. */
    private long[] counts;

    private int first;
    private int end;

    private StationMemory(long flags, long[] counts, int end) {
        this.flags = flags;
        this.counts = counts;
        this.end = end;
    }

    /** A station seen for the first time. */
    static StationMemory empty() {
        return new StationMemory(0, new long[8], 0);
    }

    /** The memory stored by {@link #toStored()}; the array is not changed. */
    static StationMemory of(long[] stored) {
        long flags = stored[0];
        int at = 1;
        StationMemory memory;
        long emptySeconds = 0;
        int emptyNanos = 0;
        long fullSeconds = 0;
        int fullNanos = 0;
        if ((flags & EMPTY_RUN) != 0) {
            emptySeconds = stored[at++];
            emptyNanos = (int) stored[at++];
        }
        if ((flags & FULL_RUN) != 0) {
            fullSeconds = stored[at++];
            fullNanos = (int) stored[at++];
        }
        if (at == stored.length) {
            memory = new StationMemory(flags, new long[8], 0);
        } else {
            long base = stored[at++];
            boolean wide = (flags & WIDE_COUNTS) != 0;
            int number = wide ? (stored.length - at) / 2 : stored.length - at;
            long[] counts = new long[2 * number + 2];
            for (int i = 0; i < number; i++) {
                if (wide) {
                    counts[2 * i] = stored[at + 2 * i];
                    counts[2 * i + 1] = stored[at + 2 * i + 1];
                } else {
                    counts[2 * i] = base + (stored[at + i] >>> 32);
                    counts[2 * i + 1] = stored[at + i] & 0xFFFFFFFFL;
                }
            }
            memory = new StationMemory(flags & ~WIDE_COUNTS, counts, 2 * number);
        }
        memory.emptySeconds = emptySeconds;
        memory.emptyNanos = emptyNanos;
        memory.fullSeconds = fullSeconds;
        memory.fullNanos = fullNanos;
        return memory;
    }

    long[] toStored() {
        int number = (end - first) / 2;
        long base = number > 0 ? counts[first] : 0;
        boolean wide = false;
        for (int i = first; i < end && !wide; i += 2) {
            wide = nanosOf(i) != 0 || counts[i] - base >= (1L << 31);
        }
        int runs = ((flags & EMPTY_RUN) != 0 ? 2 : 0) + ((flags & FULL_RUN) != 0 ? 2 : 0);
        long[] stored = new long[1 + runs + (number > 0 ? 1 + (wide ? 2 : 1) * number : 0)];
        stored[0] = wide ? flags | WIDE_COUNTS : flags;
        int at = 1;
        if ((flags & EMPTY_RUN) != 0) {
            stored[at++] = emptySeconds;
            stored[at++] = emptyNanos;
        }
        if ((flags & FULL_RUN) != 0) {
            stored[at++] = fullSeconds;
            stored[at++] = fullNanos;
        }
        if (number > 0) {
            stored[at++] = base;
            for (int i = first; i < end; i += 2) {
                if (wide) {
                    stored[at++] = counts[i];
                    stored[at++] = counts[i + 1];
                } else {
                    stored[at++] = ((counts[i] - base) << 32) | (counts[i + 1] & 0xFFFFFFFFL);
                }
            }
        }
        return stored;
    }

    boolean isOpen(AlertType type) {
        return (flags & bitOf(type)) != 0;
    }

    void setOpen(AlertType type, boolean open) {
        flags = open ? flags | bitOf(type) : flags & ~bitOf(type);
    }

    /** The start of the current run of 0 bikes, null when there is none. */
    @Nullable
    Instant emptySince() {
        return (flags & EMPTY_RUN) == 0 ? null : Instant.ofEpochSecond(emptySeconds, emptyNanos);
    }

    /** The start of the current run of 0 docks, null when there is none. */
    @Nullable
    Instant fullSince() {
        return (flags & FULL_RUN) == 0 ? null : Instant.ofEpochSecond(fullSeconds, fullNanos);
    }

    void setEmptySince(@Nullable Instant start) {
        flags = start == null ? flags & ~EMPTY_RUN : flags | EMPTY_RUN;
        emptySeconds = start == null ? 0 : start.getEpochSecond();
        emptyNanos = start == null ? 0 : start.getNano();
    }

    void setFullSince(@Nullable Instant start) {
        flags = start == null ? flags & ~FULL_RUN : flags | FULL_RUN;
        fullSeconds = start == null ? 0 : start.getEpochSecond();
        fullNanos = start == null ? 0 : start.getNano();
    }

    /** Forgets the counts observed before {@code windowStart}. */
    void forgetCountsBefore(Instant windowStart) {
        while (first < end && isBefore(counts[first], nanosOf(first), windowStart)) {
            first += 2;
        }
    }

    /** The largest count remembered, the earliest of equal ones; null when none is. */
    @Nullable
    Count largestCount() {
        return first < end ? new Count(Instant.ofEpochSecond(counts[first], nanosOf(first)), bikesOf(first)) : null;
    }

    /** Remembers {@code bikes} at {@code at}, later than every count remembered. */
    void addCount(Instant at, int bikes) {
        while (end > first && bikesOf(end - 2) < bikes) {
            end -= 2;
        }
        if (end + 2 > counts.length) {
            int kept = end - first;
            long[] grown = new long[Math.max(8, 2 * kept)];
            System.arraycopy(counts, first, grown, 0, kept);
            counts = grown;
            first = 0;
            end = kept;
        }
        counts[end] = at.getEpochSecond();
        counts[end + 1] = ((long) at.getNano() << 32) | (bikes & 0xFFFFFFFFL);
        end += 2;
    }

    /** A station's number of bikes at an instant. */
    record Count(Instant at, int bikes) {}

    private int bikesOf(int index) {
        return (int) counts[index + 1];
    }

    private int nanosOf(int index) {
        return (int) (counts[index + 1] >>> 32);
    }

    private static boolean isBefore(long seconds, int nanos, Instant other) {
        return seconds < other.getEpochSecond() || (seconds == other.getEpochSecond() && nanos < other.getNano());
    }

    /** The flag of an open alert of {@code type}: part of the stored form, so fixed here, not an ordinal. */
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
