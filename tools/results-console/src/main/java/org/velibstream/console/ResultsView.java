package org.velibstream.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import javax.annotation.Nullable;

/**
 * What the terminal shows of the job's results: the newest statistics of each area as one table per system with the
 * totals of the newest window, and the most recent alerts. Times are shown in each system's zone. It only keeps what
 * it shows, so it runs for days.
 */
public final class ResultsView {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final String ROW = "%-24s %8d %7d %6s %6s %7d %6d %5d %5d %5d%n";

    private final int maxRows;
    private final int maxAlerts;
    private final SystemZones zones;
    /** By {@code systemId:areaKind:area}, so that two systems or two kinds sharing a code keep a row each. */
    private final Map<String, PublishedStats> latestByArea = new TreeMap<>();

    private final Deque<PublishedAlert> recentAlerts = new ArrayDeque<>();
    private @Nullable Instant newestWindowEnd;

    /** Every system's times in {@code zone}. */
    public ResultsView(int maxRows, int maxAlerts, ZoneId zone) {
        this(maxRows, maxAlerts, SystemZones.of(zone));
    }

    /**
     * @param maxRows areas shown per system (in area order; the totals always cover all of them)
     * @param maxAlerts alerts shown, newest first
     * @param zones the time zone each system's times are shown in
     */
    public ResultsView(int maxRows, int maxAlerts, SystemZones zones) {
        if (maxRows < 1 || maxAlerts < 0) {
            throw new IllegalArgumentException("maxRows must be positive and maxAlerts not negative");
        }
        this.maxRows = maxRows;
        this.maxAlerts = maxAlerts;
        this.zones = Objects.requireNonNull(zones, "zones");
    }

    /** Keeps {@code stats} unless a newer window of its area is already shown (Kafka partitions interleave). */
    public void add(PublishedStats stats) {
        latestByArea.merge(
                stats.systemId() + ':' + stats.areaKind() + ':' + stats.area(),
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
            Map<String, List<PublishedStats>> bySystem = new LinkedHashMap<>();
            latestByArea.values().stream()
                    .filter(stats -> stats.windowEnd().equals(newestWindowEnd))
                    .forEach(stats -> bySystem.computeIfAbsent(stats.systemId(), system -> new ArrayList<>())
                            .add(stats));
            bySystem.forEach((system, rows) -> renderStats(out, system, rows));
        }
        out.append('\n');
        renderAlerts(out);
        return out.toString();
    }

    private void renderStats(StringBuilder out, String systemId, List<PublishedStats> current) {
        ZoneId zone = zones.zoneOf(systemId);
        DateTimeFormatter clock = CLOCK.withZone(zone);
        PublishedStats first = current.get(0);
        out.append(String.format(
                "%s · window %s-%s (%s): %d areas, %d stations, %d bikes (%s mechanical, %s e-bikes), %d docks%n",
                systemId,
                clock.format(first.windowStart()),
                clock.format(first.windowEnd()),
                zone.getId(),
                current.size(),
                sum(current, PublishedStats::stations),
                sum(current, PublishedStats::bikes),
                knownSum(current, PublishedStats::mechanical),
                knownSum(current, PublishedStats::ebike),
                sum(current, PublishedStats::docks)));
        out.append(String.format(
                "%-24s %8s %7s %6s %6s %7s %6s %5s %5s %5s%n",
                "area", "stations", "bikes", "mech", "ebike", "docks", "empty", "full", "down", "bad"));
        current.stream()
                .limit(maxRows)
                .forEach(stats -> out.append(String.format(
                        ROW,
                        stats.areaLabel(),
                        stats.stations(),
                        stats.bikes(),
                        orDash(stats.mechanical()),
                        orDash(stats.ebike()),
                        stats.docks(),
                        stats.emptyStations(),
                        stats.fullStations(),
                        stats.outOfServiceStations(),
                        stats.inconsistentStations())));
        if (current.size() > maxRows) {
            out.append(String.format("... and %d more areas%n", current.size() - maxRows));
        }
    }

    private void renderAlerts(StringBuilder out) {
        if (recentAlerts.isEmpty()) {
            out.append("No alerts yet.\n");
            return;
        }
        out.append("Latest alerts (event time, in each system's zone):\n");
        for (PublishedAlert alert : recentAlerts) {
            out.append(String.format(
                    "  %s  %-8s %-12s station %-8s %-6s %s%n",
                    CLOCK.withZone(zones.zoneOf(alert.systemId())).format(alert.detectedAt()),
                    alert.state(),
                    alert.type(),
                    alert.stationCode(),
                    alert.area(),
                    alert.details()));
        }
    }

    private static int sum(List<PublishedStats> rows, ToIntFunction<PublishedStats> field) {
        return rows.stream().mapToInt(field).sum();
    }

    /** The sum, or {@code ?} when a row does not know its value. */
    private static String knownSum(List<PublishedStats> rows, Function<PublishedStats, Integer> field) {
        int total = 0;
        for (PublishedStats row : rows) {
            Integer value = field.apply(row);
            if (value == null) {
                return "?";
            }
            total += value;
        }
        return String.valueOf(total);
    }

    private static String orDash(@Nullable Integer value) {
        return value != null ? value.toString() : "-";
    }
}
