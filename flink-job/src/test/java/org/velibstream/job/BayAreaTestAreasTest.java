package org.velibstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test areas of the Bay Wheels replays: their GeoJSON and their arithmetic agree, and no station is ambiguous. */
class BayAreaTestAreasTest {

    private static final Path STATION_INFORMATION = Path.of(
            "..", "..", "shared", "data", "other_systems", "2023-01-08_baywheels_3days", "station_information.json");

    @TempDir
    Path folder;

    @Test
    void theGeoJsonHoldsTheDonutWithItsHoleTheMultiPolygonAndTheRestOfTheGrid() throws Exception {
        JsonNode features = new ObjectMapper()
                .readTree(BayAreaTestAreas.write(folder.resolve("bay-areas.geojson"))
                        .toFile())
                .get("features");

        assertThat(features).hasSize(3 + BayAreaTestAreas.ROWS * BayAreaTestAreas.COLUMNS - 3);
        assertThat(features.get(0).at("/properties/name").asText()).isEqualTo("sf-donut");
        assertThat(features.get(0).at("/geometry/coordinates"))
                .as("outer ring and hole")
                .hasSize(2);
        assertThat(features.get(2).at("/geometry/type").asText()).isEqualTo("MultiPolygon");
        assertThat(features.get(2).at("/geometry/coordinates")).hasSize(2);
        for (JsonNode feature : features) {
            for (JsonNode ring : rings(feature.get("geometry"))) {
                assertThat(ring.get(0)).as("a closed ring").isEqualTo(ring.get(ring.size() - 1));
            }
        }
    }

    @Test
    void pointsFallInTheirCellTheHoleOrTheMultiPolygon() {
        assertThat(BayAreaTestAreas.areaOf(37.7749, -122.4194)).isEqualTo("sf-downtown");
        assertThat(BayAreaTestAreas.areaOf(37.7200, -122.4790)).isEqualTo("sf-donut");
        assertThat(BayAreaTestAreas.areaOf(37.3500, -121.9500)).isEqualTo("multi");
        assertThat(BayAreaTestAreas.areaOf(37.3382, -121.8863)).isEqualTo("cell-1-7");
        assertThat(BayAreaTestAreas.areaOf(37.8044, -122.2712)).isEqualTo("multi");
        assertThat(BayAreaTestAreas.areaOf(37.8715, -122.2730)).isEqualTo("multi");
        assertThat(BayAreaTestAreas.areaOf(37.8716, -122.3010)).isEqualTo("cell-6-2");
        assertThat(BayAreaTestAreas.areaOf(0, 0)).isNull();
    }

    @Test
    void noRecordedStationLiesOnAnEdgeAndEverySpecialAreaHoldsSome() throws Exception {
        Path information = Path.of(System.getProperty("user.dir"))
                .resolve(STATION_INFORMATION)
                .normalize();
        Assumptions.assumeTrue(Files.isRegularFile(information), "the Bay Wheels recording is absent");

        for (JsonNode station :
                new ObjectMapper().readTree(information.toFile()).at("/data/stations")) {
            double lat = station.get("lat").asDouble();
            double lon = station.get("lon").asDouble();
            if (BayAreaTestAreas.areaOf(lat, lon) != null) {
                assertThat(BayAreaTestAreas.distanceToEdges(lat, lon))
                        .as("station %s at %s, %s", station.get("station_id"), lat, lon)
                        .isGreaterThan(1e-6);
            }
        }
        assertThat(BayAreaTestAreas.areaByStation(information).values())
                .contains("sf-donut", "sf-downtown", "multi")
                .hasSize(500);
    }

    private static List<JsonNode> rings(JsonNode geometry) {
        List<JsonNode> rings = new ArrayList<>();
        if (geometry.get("type").asText().equals("Polygon")) {
            geometry.get("coordinates").forEach(rings::add);
        } else {
            geometry.get("coordinates").forEach(polygon -> polygon.forEach(rings::add));
        }
        return rings;
    }
}
