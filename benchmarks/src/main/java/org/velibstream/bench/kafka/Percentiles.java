package org.velibstream.bench.kafka;

import java.util.Arrays;

/** Exact percentiles of latency samples, by sorting them, in milliseconds. */
public record Percentiles(int count, double p50, double p99, double p999, double max) {

    public static Percentiles ofNanos(long[] samples) {
        if (samples.length == 0) {
            return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return new Percentiles(
                sorted.length,
                millis(sorted, 0.50),
                millis(sorted, 0.99),
                millis(sorted, 0.999),
                sorted[sorted.length - 1] / 1e6);
    }

    /** The nearest-rank percentile: the smallest sample that at least {@code fraction} of the samples do not exceed. */
    private static double millis(long[] sorted, double fraction) {
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(rank, 1) - 1] / 1e6;
    }
}
