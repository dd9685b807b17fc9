package org.velibstream.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.velibstream.data.stations.StationRow;
import org.velibstream.data.stations.StationTableCsv;
import org.velibstream.replay.GbfsFeeds;
import org.velibstream.replay.SimulatedClock;
import org.velibstream.replay.SimulationFeeds;
import org.velibstream.replay.StationSimulation;

/**
 * Vélib'-shaped documents from the project's own {@link StationSimulation} over {@code data/stations.csv}, served by
 * {@link SimulationFeeds} exactly as the replay server sends them: a deterministic stand-in for the real recordings.
 */
public final class SimulatedSystem {

    public static final long SEED = 42;
    /** A weekday morning in Paris, when commuting moves bikes. */
    public static final Instant START = Instant.parse("2026-11-23T07:00:00Z");

    public static final Duration INTERVAL = Duration.ofMinutes(1);

    private final int stations;
    private final Instant start;
    private final SimulationFeeds feeds;

    private SimulatedSystem(List<StationRow> rows, Instant start) {
        this.stations = rows.size();
        this.start = start;
        this.feeds = new SimulationFeeds(
                new StationSimulation(rows, SEED), new SimulatedClock(start, start, 1), INTERVAL, "velib");
    }

    /** The simulation over {@code data/stations.csv} (about 1,500 stations), from {@link #START}. */
    public static SimulatedSystem fromStationTable() throws IOException {
        return new SimulatedSystem(stationRows(), START);
    }

    /**
     * The same simulation moved back by whole weeks (same weekday and time of day) until its first {@code span}
     * ends before {@code now}; from {@link #START} when that is already past. A Kafka broker refuses records
     * timestamped more than an hour ahead of its clock ({@code message.timestamp.after.max.ms}).
     */
    public static SimulatedSystem inThePastOf(Instant now, Duration span) throws IOException {
        Duration week = Duration.ofDays(7);
        Instant start = START;
        while (start.plus(span).isAfter(now)) {
            start = start.minus(week);
        }
        return new SimulatedSystem(stationRows(), start);
    }

    public static List<StationRow> stationRows() throws IOException {
        Path csv = BenchmarkPaths.stationsCsv();
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return StationTableCsv.read(in, csv.toString());
        }
    }

    public int stations() {
        return stations;
    }

    /** When tick 0 is. */
    public Instant start() {
        return start;
    }

    /** The station_status document of tick {@code tick}: {@link #start()} plus {@code tick} intervals. */
    public byte[] stationStatus(int tick) {
        return feed(GbfsFeeds.STATION_STATUS, tick);
    }

    public byte[] stationInformation() {
        return feed(GbfsFeeds.STATION_INFORMATION, 0);
    }

    /**
     * Writes {@code count} consecutive station_status documents ({@code station_status-00000.json}, …) and one
     * {@code station_information.json} into {@code folder}, the layout {@code --source files} reads.
     */
    public void writeSnapshots(Path folder, int count) throws IOException {
        Files.createDirectories(folder);
        for (int tick = 0; tick < count; tick++) {
            Files.write(folder.resolve(String.format("station_status-%05d.json", tick)), stationStatus(tick));
        }
        Files.write(informationFile(folder), stationInformation());
    }

    public static Path informationFile(Path snapshotFolder) {
        return snapshotFolder.resolve("station_information.json");
    }

    private byte[] feed(String name, int tick) {
        Instant at = start.plus(INTERVAL.multipliedBy(tick));
        return feeds.feed(name, at)
                .orElseThrow(() -> new IllegalStateException("the simulation serves no " + name))
                .bytes();
    }
}
