package org.velibstream.bench.scale;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Freshness lag: for each station_status document first polled in the measured period, the time from the arrival of
 * its poll at the server to the emission of the statistics rows that include it: those of its system and window (one
 * per postal code of the system). The lag runs to the last of them, when the system's results for the window are
 * complete (they leave within milliseconds of each other: one watermark closes them all). Beside it, the lag
 * from the poll of the document that closes each window ({@link #closingLagSeconds}), issue 14's measure.
 *
 * @param lagsMillis one lag per document whose window was emitted, sorted
 * @param documents documents first polled in the period
 * @param systemsCovered systems with at least one document whose window was emitted
 * @param sweepsMillis per document time: from the first to the last poll of that document across the systems
 * @param closingLagsMillis one lag per emitted window whose closing document was first polled in the period, sorted:
 *     see {@link #closingLags}
 */
public record FreshnessLags(
        long[] lagsMillis, int documents, int systemsCovered, long[] sweepsMillis, long[] closingLagsMillis) {

    /** The statistics rows of one system and window. */
    public record SystemWindow(int system, long windowStartMillis) {}

    /**
     * @param windowEmissions a system's window → emission times of its statistics rows
     * @param fromMillis the measured period starts (polls before it are warm-up)
     * @param untilMillis and ends
     */
    public static FreshnessLags of(
            List<StatusPoll> polls,
            Map<SystemWindow, ? extends Collection<Long>> windowEmissions,
            Duration window,
            long fromMillis,
            long untilMillis) {
        Map<SystemWindow, Long> windowComplete = new HashMap<>();
        windowEmissions.forEach((start, times) ->
                times.stream().mapToLong(Long::longValue).max().ifPresent(last -> windowComplete.put(start, last)));
        Map<List<Long>, Long> firstPolls = new HashMap<>();
        for (StatusPoll poll : polls) {
            firstPolls.merge(
                    List.of((long) poll.system(), poll.documentEpochSecond()), poll.arrivalEpochMillis(), Math::min);
        }
        long windowMillis = window.toMillis();
        long[] lags = new long[firstPolls.size()];
        int lagCount = 0;
        int documents = 0;
        Set<Long> systems = new HashSet<>();
        Map<Long, long[]> sweeps = new HashMap<>();
        for (Map.Entry<List<Long>, Long> document : firstPolls.entrySet()) {
            long arrival = document.getValue();
            if (arrival < fromMillis || arrival >= untilMillis) {
                continue;
            }
            documents++;
            long documentMillis = document.getKey().get(1) * 1000;
            sweeps.merge(documentMillis, new long[] {arrival, arrival}, (a, b) ->
                    new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            int system = document.getKey().get(0).intValue();
            Long emitted = windowComplete.get(
                    new SystemWindow(system, documentMillis - Math.floorMod(documentMillis, windowMillis)));
            if (emitted != null) {
                lags[lagCount++] = emitted - arrival;
                systems.add((long) system);
            }
        }
        long[] sorted = Arrays.copyOf(lags, lagCount);
        Arrays.sort(sorted);
        long[] sweepMillis = sweeps.values().stream()
                .mapToLong(range -> range[1] - range[0])
                .sorted()
                .toArray();
        return new FreshnessLags(
                sorted,
                documents,
                systems.size(),
                sweepMillis,
                closingLags(firstPolls, windowComplete, windowMillis, fromMillis, untilMillis));
    }

    /**
     * The lag issue 14 sets its target on: from the first poll of the document that closes a window (the system's
     * first document at or past the window's end) to the last statistics row of that window. The lag above counts
     * from a document inside the window, so it includes up to a whole window by definition; this one does not. A
     * window emitted before its closing document was polled (closed by the idle timeout, not by data) gives a
     * negative lag, kept as measured; a window whose closing document was not polled in the period has none.
     */
    private static long[] closingLags(
            Map<List<Long>, Long> firstPolls,
            Map<SystemWindow, Long> windowComplete,
            long windowMillis,
            long fromMillis,
            long untilMillis) {
        Map<Integer, TreeMap<Long, Long>> documentsBySystem = new HashMap<>();
        firstPolls.forEach((document, arrival) -> documentsBySystem
                .computeIfAbsent(document.get(0).intValue(), system -> new TreeMap<>())
                .put(document.get(1) * 1000, arrival));
        return windowComplete.entrySet().stream()
                .mapToLong(window -> {
                    TreeMap<Long, Long> documents =
                            documentsBySystem.get(window.getKey().system());
                    Map.Entry<Long, Long> closing = documents == null
                            ? null
                            : documents.ceilingEntry(window.getKey().windowStartMillis() + windowMillis);
                    if (closing == null || closing.getValue() < fromMillis || closing.getValue() >= untilMillis) {
                        return Long.MIN_VALUE;
                    }
                    return window.getValue() - closing.getValue();
                })
                .filter(lag -> lag != Long.MIN_VALUE)
                .sorted()
                .toArray();
    }

    /** The nearest-rank percentile of the lags, in seconds; NaN when no lag was measured. */
    public double lagSeconds(double percentile) {
        return percentile(lagsMillis, percentile) / 1e3;
    }

    /** The nearest-rank percentile of the lags from the closing poll ({@link #closingLags}), in seconds. */
    public double closingLagSeconds(double percentile) {
        return percentile(closingLagsMillis, percentile) / 1e3;
    }

    /** The median time one round of polls took to reach every system, in seconds. */
    public double medianSweepSeconds() {
        return percentile(sweepsMillis, 50) / 1e3;
    }

    static double percentile(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
