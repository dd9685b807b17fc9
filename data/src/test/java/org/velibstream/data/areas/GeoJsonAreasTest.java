package org.velibstream.data.areas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

class GeoJsonAreasTest {

    static final String SQUARE_WITH_HOLE =
            "[[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]]";

    @Test
    void readsPolygonsWithHolesAndMultiPolygonsInOrder() throws IOException {
        List<AreaPolygon> areas = read(collection(
                feature("{\"zone\": \"A\", \"name\": \"Alpha\"}", "Polygon", SQUARE_WITH_HOLE),
                feature(
                        "{\"zone\": \"B\"}",
                        "MultiPolygon",
                        "[[[[20, 20], [21, 20], [21, 21], [20, 21], [20, 20]]],"
                                + " [[[30, 30], [31, 30], [31, 31], [30, 31], [30, 30]]]]")));

        assertThat(areas).extracting(AreaPolygon::code).containsExactly("A", "B");
        assertThat(areas.get(0).name()).isEqualTo("Alpha");
        assertThat(areas.get(1).name()).as("no name property").isNull();
        Polygon square = (Polygon) areas.get(0).geometry();
        assertThat(square.getNumInteriorRing()).isEqualTo(1);
        assertThat(square.getExteriorRing().getCoordinateN(1).x)
                .as("longitude is x")
                .isEqualTo(10.0);
        assertThat(areas.get(1).geometry()).isInstanceOf(MultiPolygon.class);
        assertThat(areas.get(1).geometry().getNumGeometries()).isEqualTo(2);
    }

    @Test
    void takesNumbersAsText() throws IOException {
        List<AreaPolygon> areas = read(collection(
                feature("{\"zone\": 75056}", "Polygon", SQUARE_WITH_HOLE),
                feature("{\"zone\": 12.50}", "Polygon", SQUARE_WITH_HOLE)));

        assertThat(areas).extracting(AreaPolygon::code).containsExactly("75056", "12.5");
    }

    @Test
    void readsAFile(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("zones.geojson");
        Files.writeString(file, collection(feature("{\"zone\": \"A\"}", "Polygon", SQUARE_WITH_HOLE)));

        assertThat(GeoJsonAreas.read(file, "zone"))
                .extracting(AreaPolygon::code)
                .containsExactly("A");
    }

    @Test
    void refusesAFeatureWithoutTheCodeProperty() {
        String json = collection(
                feature("{\"zone\": \"A\"}", "Polygon", SQUARE_WITH_HOLE),
                feature("{\"other\": \"B\"}", "Polygon", SQUARE_WITH_HOLE));

        assertThatThrownBy(() -> read(json)).hasMessage("zones.geojson: feature 1: no property zone");
    }

    @Test
    void refusesOtherGeometries() {
        String json = collection(feature("{\"zone\": \"A\"}", "Point", "[2.35, 48.85]"));

        assertThatThrownBy(() -> read(json))
                .hasMessage("zones.geojson: feature 0: geometry Point, only Polygon and MultiPolygon are areas");
    }

    @Test
    void refusesBadRings() {
        assertThatThrownBy(() ->
                        read(collection(feature("{\"zone\": \"A\"}", "Polygon", "[[[0, 0], [1, 0], [1, 1], [0, 1]]]"))))
                .hasMessage("zones.geojson: feature 0 ring 0: the ring is not closed"
                        + " (its last position differs from its first)");
        assertThatThrownBy(
                        () -> read(collection(feature("{\"zone\": \"A\"}", "Polygon", "[[[0, 0], [1, 0], [0, 0]]]"))))
                .hasMessage("zones.geojson: feature 0 ring 0: a ring needs at least 4 positions, the last equal to"
                        + " the first");
        assertThatThrownBy(() -> read(
                        collection(feature("{\"zone\": \"A\"}", "Polygon", "[[[0, 0], [1, \"x\"], [1, 1], [0, 0]]]"))))
                .hasMessage("zones.geojson: feature 0 ring 0: position 1 [1,\"x\"] is not [lon, lat]");
        assertThatThrownBy(() -> read(collection(feature("{\"zone\": \"A\"}", "Polygon", "[]"))))
                .hasMessage("zones.geojson: feature 0: a polygon without rings");
    }

    @Test
    void refusesWhatIsNotAFeatureCollection() {
        assertThatThrownBy(() -> read("{\"type\": \"Feature\"}"))
                .hasMessage("zones.geojson: not a GeoJSON FeatureCollection");
        assertThatThrownBy(() -> read("{\"type\": ")).hasMessageStartingWith("zones.geojson: not JSON:");
    }

    static List<AreaPolygon> read(String json) throws IOException {
        return GeoJsonAreas.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "zone", "zones.geojson");
    }

    static String collection(String... features) {
        return "{\"type\": \"FeatureCollection\", \"features\": [" + String.join(", ", features) + "]}";
    }

    static String feature(String properties, String type, String coordinates) {
        return "{\"type\": \"Feature\", \"properties\": " + properties + ", \"geometry\": {\"type\": \"" + type
                + "\", \"coordinates\": " + coordinates + "}}";
    }
}
