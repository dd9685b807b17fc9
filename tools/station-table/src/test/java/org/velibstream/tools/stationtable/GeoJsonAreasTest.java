package org.velibstream.tools.stationtable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.velibstream.tools.stationtable.TestResources.resource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.velibstream.data.stations.Coordinates;

class GeoJsonAreasTest {

    @Test
    void readsPolygonsAndMultiPolygonsWithHoles() throws Exception {
        List<Area> areas = GeoJsonAreas.read(resource("communes.geojson"), "insee", "nomcom");

        assertThat(areas).extracting(Area::inseeCode).containsExactly("75116", "93066", "95127");
        assertThat(areas.get(0).name()).as("runs of spaces collapsed").isEqualTo("Paris 16e Arrondissement");
        Area saintDenis = areas.get(1);
        assertThat(saintDenis.polygons()).hasSize(2);
        assertThat(saintDenis.polygons().get(0).rings()).hasSize(2);
        assertThat(saintDenis.contains(new Coordinates(48.91, 2.35))).isTrue();
        assertThat(saintDenis.contains(new Coordinates(48.925, 2.365)))
                .as("in the hole")
                .isFalse();
        assertThat(saintDenis.contains(new Coordinates(48.905, 2.505)))
                .as("in the second polygon")
                .isTrue();
    }

    @Test
    void padsNumericInseeCodes(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("ain.geojson");
        Files.writeString(
                file,
                "{\"type\": \"FeatureCollection\", \"features\": [{\"properties\": {\"insee\": 1001},"
                        + " \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[5, 46], [5.1, 46], [5.1, 46.1], [5, 46]]]}}]}");

        assertThat(GeoJsonAreas.read(file, "insee", "nomcom"))
                .extracting(Area::inseeCode)
                .containsExactly("01001");
    }

    @Test
    void failsOnUnsupportedGeometryWithItsPlace(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("points.geojson");
        Files.writeString(
                file,
                "{\"type\": \"FeatureCollection\", \"features\": [{\"properties\": {\"insee\": \"75056\"},"
                        + " \"geometry\": {\"type\": \"Point\", \"coordinates\": [2.35, 48.85]}}]}");

        assertThatThrownBy(() -> GeoJsonAreas.read(file, "insee", "nomcom"))
                .hasMessageEndingWith("feature 0: unsupported geometry \"Point\"");
    }
}
