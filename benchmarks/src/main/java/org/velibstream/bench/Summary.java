package org.velibstream.bench;

import java.util.Arrays;
import java.util.Locale;

/** Median and spread of repeated measurements. */
public record Summary(double median, double min, double max, int samples) {

    public static Summary of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no measurement to summarise");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Summary(median, sorted[0], sorted[sorted.length - 1], sorted.length);
    }

    /** {@code median (min–max)}, each with {@code format}. */
    public String formatted(String format) {
        return String.format(Locale.ROOT, format, median) + " (" + String.format(Locale.ROOT, format, min) + "–"
                + String.format(Locale.ROOT, format, max) + ")";
    }

    /** The spread as a share of the median: (max - min) / median. */
    public double relativeSpread() {
        return median == 0 ? 0 : (max - min) / median;
    }
}
