package org.velibstream.job.stations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.data.stations.Coordinates;
import org.velibstream.data.stations.StationRow;
import org.velibstream.data.stations.StationTableCsv;
import org.velibstream.job.settings.AreaFile;
import org.velibstream.job.settings.JobConfiguration;
import org.velibstream.job.settings.PipelineSettings;

class AreaSourcesTest {

    private static PipelineSettings settings(String... args) throws Exception {
        Configuration config = JobConfiguration.fromArgs(args);
        return PipelineSettings.from(config);
    }

    @Test
    void readsTheAreasOptionForEverySystemOrForOne() throws Exception {
        assertThat(settings("--areas", "districts.geojson;baywheels=/data/sf.geojson")
                        .areas())
                .containsExactly(
                        new AreaFile(null, "districts.geojson"), new AreaFile("baywheels", "/data/sf.geojson"));
        assertThat(settings().areas()).isEmpty();
        assertThat(settings().areaProperty()).isEqualTo("name");
        assertThat(settings("--area-property", "code").areaProperty()).isEqualTo("code");
    }

    @Test
    void withoutOptionsNoStationIsPlacedByATable() throws Exception {
        AreaPlacement placement = AreaSources.placement(settings(), Map.of("baywheels", Map.of("3", "San Francisco")));

        assertThat(placement.overridden("16107", "213688169"))
                .as("the jar's stations.csv is no longer used")
                .isFalse();
        assertThat(placement.place("baywheels", null, "abc", new StationSite(37.77, -122.42, null, "3")))
                .isEqualTo(new PlacedArea(AreaKind.REGION, "San Francisco"));
    }

    @Test
    void theStationsOptionIsAnOverrideTable(@TempDir Path temp) throws Exception {
        Path csv = temp.resolve("stations.csv");
        try (Writer writer = Files.newBufferedWriter(csv)) {
            StationTableCsv.write(
                    List.of(new StationRow(
                            "16107",
                            "213688169",
                            "Benjamin Godard - Victor Hugo",
                            new Coordinates(48.865983, 2.275725),
                            35,
                            "75016",
                            "75116",
                            "Paris")),
                    writer);
        }

        AreaPlacement placement = AreaSources.placement(settings("--stations", csv.toString()), Map.of());

        assertThat(placement.place("velib", "16107", "x", null)).isEqualTo(PlacedArea.postalCode("75016"));
    }

    @Test
    void aFileThatCannotBeReadFailsTheBuildNamingIt(@TempDir Path temp) throws Exception {
        Path missing = temp.resolve("missing.geojson");

        assertThatThrownBy(() -> AreaSources.placement(settings("--areas", "velib=" + missing), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--areas")
                .hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> AreaSources.placement(settings("--stations", missing.toString()), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--stations")
                .hasMessageContaining(missing.toString());
    }

    @Test
    void anEntryWithoutAFileIsRefused() {
        assertThatThrownBy(() -> AreaFile.parse(List.of("velib= ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Bad entry 'velib= ' of --areas");
    }

    /** A square around the Champ de Mars with a hole around the Eiffel Tower, named in property {@code code}. */
    private static final String SQUARE_WITH_A_HOLE = """
            {"type": "FeatureCollection", "features": [{"type": "Feature",
              "properties": {"code": "champ-de-mars"},
              "geometry": {"type": "Polygon", "coordinates": [
                [[2.28, 48.85], [2.31, 48.85], [2.31, 48.86], [2.28, 48.86], [2.28, 48.85]],
                [[2.293, 48.857], [2.296, 48.857], [2.296, 48.859], [2.293, 48.859], [2.293, 48.857]]]}}]}
            """;

    @Test
    void placesByTheUsersGeoJsonHolesHonouredThenByTheBuiltInPostalCodes(@TempDir Path temp) throws Exception {
        Path geoJson = temp.resolve("square.geojson");
        Files.writeString(geoJson, SQUARE_WITH_A_HOLE);

        AreaPlacement placement =
                AreaSources.placement(settings("--areas", "velib=" + geoJson, "--area-property", "code"), Map.of());

        assertThat(placement.place("velib", "1", "1", new StationSite(48.852, 2.285, null, null)))
                .isEqualTo(new PlacedArea(AreaKind.USER_AREA, "champ-de-mars"));
        assertThat(placement.place("velib", "1", "1", new StationSite(48.858, 2.2945, null, null)))
                .as("in the hole: the built-in postal code of the Eiffel Tower")
                .isEqualTo(PlacedArea.postalCode("75007"));
        assertThat(placement
                        .place("other", "1", "1", new StationSite(48.852, 2.285, null, null))
                        .kind())
                .as("the square is Vélib's only")
                .isEqualTo(AreaKind.POSTAL_CODE);
        assertThat(placement.place(
                        "velib", "1", "1", new StationSite(48.93626891059109, 2.3588666820200914, null, null)))
                .as("Basilique, Saint-Denis")
                .isEqualTo(PlacedArea.postalCode("93200"));
    }

    @Test
    void aBadGeoJsonFailsTheBuildNamingTheFileAndTheProperty(@TempDir Path temp) throws Exception {
        Path geoJson = temp.resolve("square.geojson");
        Files.writeString(geoJson, SQUARE_WITH_A_HOLE);

        assertThatThrownBy(() -> AreaSources.placement(settings("--areas", geoJson.toString()), Map.of()))
                .as("the features have no property 'name'")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Bad --areas file " + geoJson)
                .hasMessageContaining("'name'");
    }
}
