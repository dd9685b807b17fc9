package org.velibstream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.velibstream.data.stations.StationRow;
import org.velibstream.gbfs.GbfsDecodingException;
import org.velibstream.gbfs.Rejection;
import org.velibstream.gbfs.StationListener;
import org.velibstream.gbfs.StationStatus;
import org.velibstream.gbfs.StationStatusDecoder;
import org.velibstream.job.stations.StationDirectory;

/**
 * The floor is only a fair yardstick if it does the same work: its sums must equal those computed from the project's
 * own decoder and station table, on the simulated documents and on the real recordings.
 */
class PostalCodeFloorTest {

    private static List<StationRow> stationTable;
    private static PostalCodeFloor floor;

    @BeforeAll
    static void readStationTable() throws IOException {
        stationTable = SimulatedSystem.stationRows();
        floor = new PostalCodeFloor(stationTable);
    }

    @Test
    void sumsOfASimulatedDocumentEqualTheDecodersSums() throws Exception {
        SimulatedSystem system = SimulatedSystem.fromStationTable();
        byte[] document = system.stationStatus(90);

        assertThat(byPostalCode(floor.aggregate(document))).isEqualTo(decodedSums(document));
        assertThat(floor.aggregate(document).stream()
                        .mapToInt(PostalCodeTotals::stations)
                        .sum())
                .isEqualTo(system.stations());
    }

    @Test
    void sumsOfEveryRealRecordingEqualTheDecodersSums() throws Exception {
        Path snapshots = BenchmarkPaths.sharedSnapshots().orElse(null);
        Assumptions.assumeTrue(snapshots != null, "../shared/data/gbfs_snapshots is absent: real-data check skipped");
        List<Path> documents;
        try (var files = Files.walk(snapshots)) {
            documents = files.filter(file -> file.getFileName().toString().equals("station_status.json"))
                    .toList();
        }
        assertThat(documents).isNotEmpty();
        for (Path file : documents) {
            byte[] document = Files.readAllBytes(file);
            assertThat(byPostalCode(floor.aggregate(document)))
                    .as(file.toString())
                    .isEqualTo(decodedSums(document));
        }
    }

    @Test
    void aStationMissingFromTheTableCountsUnderUnknown() throws Exception {
        byte[] document = ("{\"lastUpdatedOther\":1732004538,\"data\":{\"stations\":[{\"station_id\":1,"
                        + "\"num_bikes_available\":3,\"num_bikes_available_types\":[{\"mechanical\":1},{\"ebike\":2}],"
                        + "\"num_docks_available\":7,\"stationCode\":\"not-in-the-table\"}]}}")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(floor.aggregate(document))
                .containsExactly(new PostalCodeTotals(StationRow.UNKNOWN_POSTAL_CODE, 1, 3, 1, 2, 7));
    }

    @Test
    void aDocumentThatIsNotAnObjectFailsSayingSo() {
        assertThatThrownBy(() -> floor.aggregate("[1, 2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("the document must start with START_OBJECT, found START_ARRAY");
    }

    @Test
    void aCountThatIsNotANumberFails() {
        byte[] document =
                "{\"data\":{\"stations\":[{\"num_bikes_available\":\"many\"}]}}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> floor.aggregate(document))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("VALUE_STRING) not numeric");
    }

    /** The same sums through the job's decoder and table: a station found by its code, else by its id. */
    private static Map<String, PostalCodeTotals> decodedSums(byte[] document) throws GbfsDecodingException {
        List<StationStatus> statuses = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        new StationStatusDecoder().decodeDocument(document, StationListener.collectingInto(statuses, rejections));
        assertThat(rejections).as("rejected entries").isEmpty();
        StationDirectory directory = StationDirectory.of(stationTable);
        Map<String, PostalCodeTotals> sums = new TreeMap<>();
        for (StationStatus status : statuses) {
            Optional<StationRow> byCode =
                    status.stationCode() != null ? directory.byStationCode(status.stationCode()) : Optional.empty();
            String postalCode = byCode.or(() -> directory.byStationId(status.stationId()))
                    .map(StationRow::postalCode)
                    .orElse(StationRow.UNKNOWN_POSTAL_CODE);
            PostalCodeTotals before = sums.getOrDefault(postalCode, new PostalCodeTotals(postalCode, 0, 0, 0, 0, 0));
            sums.put(
                    postalCode,
                    new PostalCodeTotals(
                            postalCode,
                            before.stations() + 1,
                            before.bikes() + status.bikesAvailable(),
                            before.mechanical() + nullToZero(status.mechanicalBikes()),
                            before.ebikes() + nullToZero(status.ebikes()),
                            before.docks() + status.docksAvailable()));
        }
        return sums;
    }

    private static Map<String, PostalCodeTotals> byPostalCode(List<PostalCodeTotals> totals) {
        Map<String, PostalCodeTotals> sums = new TreeMap<>();
        totals.forEach(row -> sums.put(row.postalCode(), row));
        return sums;
    }

    private static int nullToZero(Integer count) {
        return count != null ? count : 0;
    }
}
