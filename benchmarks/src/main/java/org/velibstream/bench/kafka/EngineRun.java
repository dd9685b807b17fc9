package org.velibstream.bench.kafka;

import java.time.Duration;
import java.util.Objects;

/**
 * One measured run of one engine over the pre-loaded raw topic.
 *
 * @param records the records the run's time covers
 * @param elapsed from the first to the last of those records processed
 * @param cpuTime this process's CPU time over {@code elapsed}
 * @param peakHeapBytes the sum of the heap pools' peaks over the run; 0 when not measured (the floor)
 */
public record EngineRun(long records, Duration elapsed, Duration cpuTime, long peakHeapBytes) {

    public EngineRun {
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(cpuTime, "cpuTime");
        if (records < 1 || elapsed.isNegative() || elapsed.isZero()) {
            throw new IllegalArgumentException("a run needs records and time, got " + records + " in " + elapsed);
        }
    }

    public double recordsPerSecond() {
        return records / (elapsed.toNanos() / 1e9);
    }

    /** Cores kept busy on average: CPU time over elapsed time. */
    public double coresUsed() {
        return cpuTime.toNanos() / (double) elapsed.toNanos();
    }
}
