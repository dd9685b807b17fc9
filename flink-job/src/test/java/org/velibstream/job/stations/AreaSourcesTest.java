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
}
