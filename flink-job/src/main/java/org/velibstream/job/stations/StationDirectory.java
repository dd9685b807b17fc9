package org.velibstream.job.stations;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;
import org.velibstream.data.stations.StationRow;
import org.velibstream.data.stations.StationTableCsv;

/**
 * The {@code --stations} override table: station code or id → postal code and capacity. A station it lists with a
 * postal code is placed there whatever its coordinates say (see {@link AreaPlacement}). The Vélib' table the jar
 * carries ({@link #fromClasspath()}) is no longer an override, as a table built once goes wrong as stations open and
 * move: it only places Vélib' stations whose station_information the job never gets (the Kafka raw path).
 *
 * <p>Immutable and serializable, so that a Flink function can hold one.
 */
public final class StationDirectory implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Where the data module's jar carries {@code data/stations.csv}. */
    public static final String CLASSPATH_RESOURCE = "/stations.csv";

    private final Map<String, StationRow> byStationCode;
    private final Map<String, StationRow> byStationId;

    private StationDirectory(List<StationRow> rows) {
        Map<String, StationRow> codes = new HashMap<>();
        Map<String, StationRow> ids = new HashMap<>();
        for (StationRow row : rows) {
            if (codes.putIfAbsent(row.stationCode(), row) != null) {
                throw new IllegalArgumentException("station code " + row.stationCode() + " appears twice");
            }
            if (ids.putIfAbsent(row.stationId(), row) != null) {
                throw new IllegalArgumentException("station id " + row.stationId() + " appears twice");
            }
        }
        this.byStationCode = Map.copyOf(codes);
        this.byStationId = Map.copyOf(ids);
    }

    /** @throws IllegalArgumentException if a station code or id appears twice */
    public static StationDirectory of(List<StationRow> rows) {
        return new StationDirectory(rows);
    }

    /** The Vélib' station table the data module carries ({@value #CLASSPATH_RESOURCE}). */
    public static StationDirectory fromClasspath() throws IOException {
        try (InputStream in = StationDirectory.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IOException("no " + CLASSPATH_RESOURCE + " on the classpath: build the job with data/");
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), "classpath:" + CLASSPATH_RESOURCE);
        }
    }

    public static StationDirectory fromFile(Path csv) throws IOException {
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return read(reader, csv.toString());
        }
    }

    private static StationDirectory read(Reader reader, String source) throws IOException {
        try {
            return of(StationTableCsv.read(reader, source));
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
    }

    public Optional<StationRow> byStationCode(String stationCode) {
        return Optional.ofNullable(byStationCode.get(stationCode));
    }

    public Optional<StationRow> byStationId(String stationId) {
        return Optional.ofNullable(byStationId.get(stationId));
    }

    /** The row of a station with a known postal code, by code, else by id; null when the table does not place it. */
    @Nullable
    public StationRow lookup(@Nullable String stationCode, @Nullable String stationId) {
        StationRow row = stationCode != null ? byStationCode.get(stationCode) : null;
        if (row == null && stationId != null) {
            row = byStationId.get(stationId);
        }
        return row != null && row.hasKnownPostalCode() ? row : null;
    }

    public int size() {
        return byStationCode.size();
    }
}
