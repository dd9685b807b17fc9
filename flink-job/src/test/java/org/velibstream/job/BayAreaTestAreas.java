package org.velibstream.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * User areas over the Bay Area for replays of the Bay Wheels recording (--areas), and where each station falls in
 * them computed by arithmetic, independently of the job's polygon code: a grid of 0.1° × 0.1° rectangles (rows of
 * latitude from 37.2, columns of longitude from -122.6, codes {@code cell-<row>-<col>}), except three cells:
 *
 * <ul>
 *   <li>{@code sf-donut}: San Francisco's cell (5, 1) with a hole, its north-east quarter (downtown);
 *   <li>{@code sf-downtown}: the hole itself, listed after the donut, so a station there is in it only if the hole
 *       is honoured;
 *   <li>{@code multi}: one MultiPolygon of two cells apart, San José's (1, 6) and Oakland's (6, 3).
 * </ul>
 *
 * The codes are in each feature's {@code name} property (the default of --area-property).
 */
final class BayAreaTestAreas {

    static final double SOUTH = 37.2;
    static final double WEST = -122.6;
    static final double STEP = 0.1;
    static final int ROWS = 8;
    static final int COLUMNS = 10;
    static final double HOLE_SOUTH = 37.75;
    static final double HOLE_WEST = -122.45;

    private static final int[] DONUT = {5, 1};
    private static final Set<List<Integer>> MULTI = Set.of(List.of(1, 6), List.of(6, 3));

    private BayAreaTestAreas() {}

    /** The area a point is in; null outside every area (the grid's edges, or a station at 0, 0). */
    @Nullable
    static String areaOf(double lat, double lon) {
        int row = (int) Math.floor((lat - SOUTH) / STEP);
        int column = (int) Math.floor((lon - WEST) / STEP);
        if (row < 0 || row >= ROWS || column < 0 || column >= COLUMNS) {
            return null;
        }
        if (row == DONUT[0] && column == DONUT[1]) {
            return lat >= HOLE_SOUTH && lon >= HOLE_WEST ? "sf-downtown" : "sf-donut";
        }
        return MULTI.contains(List.of(row, column)) ? "multi" : "cell-" + row + "-" + column;
    }

    /** station_id → its area, for the stations of a station_information document that are in one. */
    static Map<String, String> areaByStation(Path stationInformation) throws IOException {
        Map<String, String> areas = new HashMap<>();
        for (JsonNode station : new ObjectMapper()
                .readTree(stationInformation.toFile())
                .path("data")
                .path("stations")) {
            String area =
                    areaOf(station.path("lat").asDouble(), station.path("lon").asDouble());
            if (area != null) {
                areas.put(station.path("station_id").asText(), area);
            }
        }
        return areas;
    }

    /** How far a point is from the nearest edge of any area, in degrees: a point on an edge is ambiguous. */
    static double distanceToEdges(double lat, double lon) {
        double toLatEdge = Math.abs(Math.IEEEremainder(lat - SOUTH, STEP));
        double toLonEdge = Math.abs(Math.IEEEremainder(lon - WEST, STEP));
        double toHole = Math.min(Math.abs(lat - HOLE_SOUTH), Math.abs(lon - HOLE_WEST));
        return Math.min(Math.min(toLatEdge, toLonEdge), toHole);
    }

    /** Writes the areas as a GeoJSON FeatureCollection: the donut first, then its hole, the MultiPolygon, the grid. */
    static Path write(Path file) throws IOException {
        List<String> features = new ArrayList<>();
        double[] donut = cell(DONUT[0], DONUT[1]);
        double[] hole = {HOLE_SOUTH, HOLE_WEST, donut[2], donut[3]};
        features.add(feature("sf-donut", "Polygon", "[" + ring(donut) + "," + ring(hole) + "]"));
        features.add(feature("sf-downtown", "Polygon", "[" + ring(hole) + "]"));
        features.add(feature("multi", "MultiPolygon", "[[" + ring(cell(1, 6)) + "],[" + ring(cell(6, 3)) + "]]"));
        for (int row = 0; row < ROWS; row++) {
            for (int column = 0; column < COLUMNS; column++) {
                boolean special = row == DONUT[0] && column == DONUT[1] || MULTI.contains(List.of(row, column));
                if (!special) {
                    features.add(feature("cell-" + row + "-" + column, "Polygon", "[" + ring(cell(row, column)) + "]"));
                }
            }
        }
        return Files.writeString(
                file, "{\"type\":\"FeatureCollection\",\"features\":[\n" + String.join(",\n", features) + "\n]}\n");
    }

    /** south, west, north, east of a grid cell. */
    private static double[] cell(int row, int column) {
        double south = SOUTH + row * STEP;
        double west = WEST + column * STEP;
        return new double[] {south, west, south + STEP, west + STEP};
    }

    /** A closed ring, counter-clockwise, [lon, lat] as GeoJSON writes positions. */
    private static String ring(double[] box) {
        double south = box[0], west = box[1], north = box[2], east = box[3];
        return "[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]"
                .formatted(west, south, east, south, east, north, west, north, west, south);
    }

    private static String feature(String name, String type, String coordinates) {
        return "{\"type\":\"Feature\",\"properties\":{\"name\":\"" + name + "\"},\"geometry\":{\"type\":\"" + type
                + "\",\"coordinates\":" + coordinates + "}}";
    }
}
