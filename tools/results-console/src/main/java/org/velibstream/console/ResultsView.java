package org.velibstream.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import javax.annotation.Nullable;

/**
 * What the terminal shows of the job's results: the newest statistics of each postal code as one table with the
 * totals of the newest window, and the most recent alerts. It only keeps what it shows, so it runs for days.
 */
public final class ResultsView {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final String ROW = "%-6s %8d %7d %6d %6d %7d %6d %5d %5d%n";

    private final int maxRows;
    private final int maxAlerts;
    private final ZoneId zone;
    private final DateTimeFormatter clock;
    /** By {@code systemId:postalCode}, so that two systems sharing a postal code keep a row each. */
    private final Map<String, PublishedStats> latestByPostalCode = new TreeMap<>();

    private final Deque<PublishedAlert> recentAlerts = new ArrayDeque<>();
    private @Nullable Instant newestWindowEnd;

    /**
     * @param maxRows postal codes shown (in postal-code order; the totals always cover all of them)
     * @param maxAlerts alerts shown, newest first
     * @param zone the time zone the times are shown in
     */
    public ResultsView(int maxRows, int maxAlerts, ZoneId zone) {
        if (maxRows < 1 || maxAlerts < 0) {
            throw new IllegalArgumentException("maxRows must be positive and maxAlerts not negative");
        }
        this.maxRows = maxRows;
        this.maxAlerts = maxAlerts;
        this.zone = zone;
        this.clock = CLOCK.withZone(zone);
    }

    /** Keeps {@code stats} unless a newer window of its postal code is already shown (Kafka partitions interleave). */
    public void add(PublishedStats stats) {
        latestByPostalCode.merge(
                stats.systemId() + ':' + stats.postalCode(),
                stats,
                (shown, arrived) -> arrived.windowEnd().isBefore(shown.windowEnd()) ? shown : arrived);
        if (newestWindowEnd == null || stats.windowEnd().isAfter(newestWindowEnd)) {
            newestWindowEnd = stats.windowEnd();
        }
    }

    public void add(PublishedAlert alert) {
        recentAlerts.addFirst(alert);
        while (recentAlerts.size() > maxAlerts) {
            recentAlerts.removeLast();
        }
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        if (newestWindowEnd == null) {
            out.append("Waiting for the first window of statistics...\n");
        } else {
            renderStats(out);
        }
        out.append('\n');
        renderAlerts(out);
        return out.toString();
    }

    private void renderStats(StringBuilder out) {
        List<PublishedStats> current = latestByPostalCode.values().stream()
                .filter(stats -> stats.windowEnd().equals(newestWindowEnd))
                .toList();
        PublishedStats first = current.get(0);
        out.append(String.format(
                "Window %s-%s (%s): %d postal codes, %d stations, %d bikes (%d mechanical, %d e-bikes), %d docks%n",
                clock.format(first.windowStart()),
                clock.format(first.windowEnd()),
                zone.getId(),
                current.size(),
                sum(current, PublishedStats::stations),
                sum(current, PublishedStats::bikes),
                sum(current, PublishedStats::mechanical),
                sum(current, PublishedStats::ebike),
                sum(current, PublishedStats::docks)));
        out.append(String.format(
                "%-6s %8s %7s %6s %6s %7s %6s %5s %5s%n",
                "postal", "stations", "bikes", "mech", "ebike", "docks", "empty", "full", "down"));
        current.stream()
                .limit(maxRows)
                .forEach(stats -> out.append(String.format(
                        ROW,
                        stats.postalCode(),
                        stats.stations(),
                        stats.bikes(),
                        stats.mechanical(),
                        stats.ebike(),
                        stats.docks(),
                        stats.emptyStations(),
                        stats.fullStations(),
                        stats.outOfServiceStations())));
        if (current.size() > maxRows) {
            out.append(String.format("... and %d more postal codes%n", current.size() - maxRows));
        }
    }

    private void renderAlerts(StringBuilder out) {
        if (recentAlerts.isEmpty()) {
            out.append("No alerts yet.\n");
            return;
        }
        out.append("Latest alerts (event time):\n");
        for (PublishedAlert alert : recentAlerts) {
            out.append(String.format(
                    "  %s  %-8s %-12s station %-8s %-6s %s%n",
                    clock.format(alert.detectedAt()),
                    alert.state(),
                    alert.type(),
                    alert.stationCode(),
                    alert.postalCode(),
                    alert.details()));
        }
    }

    private static int sum(List<PublishedStats> rows, ToIntFunction<PublishedStats> field) {
        return rows.stream().mapToInt(field).sum();
    }
}
