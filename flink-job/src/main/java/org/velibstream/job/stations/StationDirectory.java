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
import org.velibstream.data.stations.Coordinates;
import org.velibstream.data.stations.StationRow;
import org.velibstream.data.stations.StationTableCsv;

/**
 * The station table at runtime: station code or id → postal code, INSEE code, commune, capacity, coordinates.
 *
 * <p>Stations opened after the table was generated are not in it: given coordinates, they take the postal code of
 * the nearest station of the table within {@link #NEAREST_STATION_RADIUS_METERS}; else {@code UNKNOWN}. A lookup
 * never fails and never loses a station. The nearest-station search is a linear scan of the table (about 1,500
 * haversines), which only stations missing from the table pay.
 *
 * <p>Immutable and serializable, so that a Flink function can hold one.
 */
public final class StationDirectory implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Where the job jar carries {@code data/stations.csv}. */
    public static final String CLASSPATH_RESOURCE = "/stations.csv";

    /** Beyond a kilometre, a neighbour's postal code is more likely wrong than right. */
    public static final double NEAREST_STATION_RADIUS_METERS = 1_000;

    private final Map<String, StationRow> byStationCode;
    private final Map<String, StationRow> byStationId;
    private final List<StationRow> withPostalCode;

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
        this.withPostalCode =
                rows.stream().filter(StationRow::hasKnownPostalCode).toList();
    }

    /** @throws IllegalArgumentException if a station code or id appears twice */
    public static StationDirectory of(List<StationRow> rows) {
        return new StationDirectory(rows);
    }

    /** The table the job jar carries ({@value #CLASSPATH_RESOURCE}). */
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

    /**
     * Where a station belongs: from the table by code, else by id; for a station missing from the table or outside
     * every known area, from its nearest neighbour when coordinates are known.
     */
    public StationLocation locate(
            @Nullable String stationCode, @Nullable String stationId, @Nullable Coordinates coordinates) {
        StationRow row = stationCode != null ? byStationCode.get(stationCode) : null;
        if (row == null && stationId != null) {
            row = byStationId.get(stationId);
        }
        if (row != null && row.hasKnownPostalCode()) {
            return StationLocation.of(row, StationLocation.Resolution.TABLE);
        }
        Coordinates searchFrom = coordinates != null ? coordinates : row != null ? row.coordinates() : null;
        return searchFrom != null ? nearest(searchFrom) : StationLocation.unknown();
    }

    /** The location of the nearest station of the table within the radius; {@code UNKNOWN} when there is none. */
    public StationLocation nearest(Coordinates coordinates) {
        StationRow nearest = null;
        double nearestMeters = NEAREST_STATION_RADIUS_METERS;
        for (StationRow row : withPostalCode) {
            double meters = coordinates.distanceMetersTo(row.coordinates());
            if (meters <= nearestMeters) {
                nearest = row;
                nearestMeters = meters;
            }
        }
        return nearest != null
                ? StationLocation.of(nearest, StationLocation.Resolution.NEAREST_STATION)
                : StationLocation.unknown();
    }

    public int size() {
        return byStationCode.size();
    }
}
