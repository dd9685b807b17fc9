package org.velibstream.job.stations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.velibstream.data.stations.Coordinates;
import org.velibstream.data.stations.StationRow;
import org.velibstream.data.stations.StationTableCsv;

class StationDirectoryTest {

    private static final StationRow GODARD = new StationRow(
            "16107",
            "213688169",
            "Benjamin Godard - Victor Hugo",
            new Coordinates(48.865983, 2.275725),
            35,
            "75016",
            "75116",
            "Paris");
    private static final StationRow ROUGET = new StationRow(
            "44015",
            "17278902806",
            "Rouget de L'isle - Watteau",
            new Coordinates(48.778192750803, 2.3963020229163),
            20,
            "94400",
            "94081",
            "Vitry-sur-Seine");
    /** About 560 m east of Godard, outside every polygon of the table's inputs. */
    private static final StationRow UNPLACED = new StationRow(
            "16999",
            "99",
            "Unplaced",
            new Coordinates(48.865983, 2.283400),
            10,
            StationRow.UNKNOWN_POSTAL_CODE,
            null,
            null);

    private final StationDirectory directory = StationDirectory.of(List.of(GODARD, ROUGET, UNPLACED));

    @Test
    void findsStationsByCodeOrId() {
        assertThat(directory.byStationCode("16107")).contains(GODARD);
        assertThat(directory.byStationId("17278902806")).contains(ROUGET);
        assertThat(directory.byStationCode("99999")).isEmpty();
        assertThat(directory.locate("44015", null, null))
                .isEqualTo(new StationLocation(
                        "94400", "94081", "Vitry-sur-Seine", StationLocation.Resolution.TABLE, ROUGET));
        assertThat(directory.locate(null, "213688169", null).postalCode()).isEqualTo("75016");
    }

    @Test
    void placesAnUnknownStationByItsNearestNeighbourWithinOneKilometre() {
        Coordinates nearGodard = new Coordinates(48.8700, 2.2757); // about 450 m north

        StationLocation location = directory.locate("16200", "123", nearGodard);

        assertThat(location.postalCode()).isEqualTo("75016");
        assertThat(location.resolution()).isEqualTo(StationLocation.Resolution.NEAREST_STATION);
        assertThat(location.station()).isEqualTo(GODARD);
    }

    @Test
    void saysUnknownBeyondOneKilometreOrWithoutCoordinates() {
        Coordinates farFromAll = new Coordinates(48.90, 2.2757); // about 3.8 km north of Godard

        assertThat(directory.locate("16200", "123", farFromAll)).isEqualTo(StationLocation.unknown());
        assertThat(directory.locate("16200", "123", null)).isEqualTo(StationLocation.unknown());
        assertThat(directory.locate(null, null, null).postalCode()).isEqualTo(StationRow.UNKNOWN_POSTAL_CODE);
    }

    @Test
    void placesATableStationWithoutPostalCodeByItsNeighbour() {
        StationLocation location = directory.locate("16999", null, null);

        assertThat(location.resolution()).isEqualTo(StationLocation.Resolution.NEAREST_STATION);
        assertThat(location.postalCode()).isEqualTo("75016");
    }

    @Test
    void refusesATableWithTheSameCodeTwice() {
        StationRow sameCode =
                new StationRow("16107", "1", "Other", new Coordinates(48.8, 2.3), 10, "75015", "75115", "Paris");

        assertThatThrownBy(() -> StationDirectory.of(List.of(GODARD, sameCode)))
                .hasMessage("station code 16107 appears twice");
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        StationDirectory copy = InstantiationUtil.clone(directory);

        assertThat(copy.locate("16107", null, null)).isEqualTo(directory.locate("16107", null, null));
        assertThat(copy.size()).isEqualTo(3);
    }

    @Test
    void loadsFromAFile(@TempDir Path temp) throws Exception {
        Path csv = temp.resolve("stations.csv");
        try (Writer writer = Files.newBufferedWriter(csv)) {
            StationTableCsv.write(List.of(GODARD, ROUGET), writer);
        }

        assertThat(StationDirectory.fromFile(csv).byStationCode("44015")).contains(ROUGET);
    }

    @Test
    void loadsTheTableTheJarCarries() throws Exception {
        StationDirectory packaged = StationDirectory.fromClasspath();

        assertThat(packaged.size())
                .as("data/stations.csv copied to the classpath by flink-job/pom.xml")
                .isEqualTo(1485);
        assertThat(packaged.byStationCode("16107").map(StationRow::postalCode)).contains("75016");
    }
}
