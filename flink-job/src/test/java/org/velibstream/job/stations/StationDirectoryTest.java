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
        assertThat(directory.lookup("44015", null)).isEqualTo(ROUGET);
        assertThat(directory.lookup(null, "213688169")).isEqualTo(GODARD);
        assertThat(directory.lookup("16200", "213688169"))
                .as("by id when the code is unknown")
                .isEqualTo(GODARD);
    }

    @Test
    void placesNoStationItDoesNotListWithAPostalCode() {
        assertThat(directory.lookup("16200", "123")).as("not in the table").isNull();
        assertThat(directory.lookup("16999", null))
                .as("in the table without a postal code")
                .isNull();
        assertThat(directory.lookup(null, null)).isNull();
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

        assertThat(copy.lookup("16107", null)).isEqualTo(directory.lookup("16107", null));
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
}
