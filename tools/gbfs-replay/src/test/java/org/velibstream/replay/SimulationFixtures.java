package org.velibstream.replay;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.velibstream.data.stations.StationRow;
import org.velibstream.data.stations.StationTableCsv;

/** The committed station table, which the simulation runs on. */
final class SimulationFixtures {

    static final Path STATIONS_CSV = Path.of("../../data/stations.csv");
    /** The rows of {@code data/stations.csv}. */
    static final int STATIONS = 1485;

    private SimulationFixtures() {}

    static List<StationRow> stationRows() {
        try (Reader in = Files.newBufferedReader(STATIONS_CSV, StandardCharsets.UTF_8)) {
            return StationTableCsv.read(in, STATIONS_CSV.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
