package org.velibstream.gbfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decoders on real Vélib' feeds from {@code ../shared/data/gbfs_snapshots}, checked against Jackson's tree model. */
class GbfsSnapshotsTest {

    private static final Path SNAPSHOTS = Path.of("..", "..", "shared", "data", "gbfs_snapshots");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void decodesEveryStationOfThe2024Status() throws Exception {
        byte[] document = snapshot("2024-11-19_banacchini", "station_status.json");
        CollectingListener<StationStatus> listener = new CollectingListener<>();

        GbfsFeedHeader header = new StationStatusDecoder().decodeDocument(document, listener);

        JsonNode stations = MAPPER.readTree(document).path("data").path("stations");
        long bikesByTree = 0;
        List<String> idsByTree = new ArrayList<>();
        for (JsonNode station : stations) {
            bikesByTree += station.get("num_bikes_available").asLong();
            idsByTree.add(station.get("station_id").asText());
        }
        assertThat(header.lastUpdated()).isEqualTo(Instant.parse("2024-11-19T08:22:18Z"));
        assertThat(listener.rejections).isEmpty();
        assertThat(listener.stations).hasSize(1485);
        assertThat(listener.stations.stream()
                        .mapToLong(StationStatus::bikesAvailable)
                        .sum())
                .isEqualTo(bikesByTree);
        assertThat(listener.stations).extracting(StationStatus::stationId).containsExactlyElementsOf(idsByTree);
        assertThat(listener.stations).extracting(StationStatus::stationId).contains("17278902806");
        assertThat(listener.stations)
                .filteredOn(station -> !station.isConsistent())
                .as("the 2024 snapshot is consistent")
                .isEmpty();
    }

    @Test
    void keepsTheRelaisCodesOfThe2022Feeds() throws Exception {
        CollectingListener<StationStatus> status = new CollectingListener<>();
        CollectingListener<StationInformation> information = new CollectingListener<>();

        new StationStatusDecoder().decodeDocument(snapshot("2022-02-23_samhrrl", "station_status.json"), status);
        new StationInformationDecoder()
                .decodeDocument(snapshot("2022-02-23_samhrrl", "station_information.json"), information);

        assertThat(status.stations).hasSize(1439);
        assertThat(status.rejections).isEmpty();
        assertThat(information.rejections).isEmpty();
        assertThat(status.stations)
                .extracting(StationStatus::stationCode)
                .filteredOn(code -> code.toLowerCase().endsWith("_relais"))
                .hasSize(8)
                .contains("7101_Relais", "31024_relais");
        assertThat(information.stations)
                .extracting(StationInformation::stationCode)
                .filteredOn(code -> code.toLowerCase().endsWith("_relais"))
                .hasSize(8);
    }

    @Test
    void keeps64BitIdsOfThe2024InformationExactly() throws Exception {
        byte[] document = snapshot("2024-11-19_banacchini", "station_information.json");
        CollectingListener<StationInformation> listener = new CollectingListener<>();

        new StationInformationDecoder().decodeDocument(document, listener);

        List<String> idsByTree = new ArrayList<>();
        for (JsonNode station : MAPPER.readTree(document).path("data").path("stations")) {
            idsByTree.add(station.get("station_id").bigIntegerValue().toString());
        }
        assertThat(listener.rejections).isEmpty();
        assertThat(listener.stations).extracting(StationInformation::stationId).containsExactlyElementsOf(idsByTree);
        assertThat(idsByTree).anyMatch(id -> Long.parseLong(id) > Integer.MAX_VALUE);
    }

    @Test
    void readsTheVelibDiscoveryDocument() throws Exception {
        GbfsDiscovery discovery = GbfsDiscovery.decode(snapshot("2022-02-23_samhrrl", "gbfs.json"), "en");

        assertThat(discovery.header().version()).isEqualTo(GbfsVersion.VELIB);
        assertThat(discovery.feeds())
                .containsOnlyKeys("gbfs", "system_information", "station_information", "station_status");
    }

    private static byte[] snapshot(String directory, String file) throws IOException {
        Path path = SNAPSHOTS.resolve(directory).resolve(file);
        assumeTrue(Files.isReadable(path), () -> "real GBFS snapshot not available, skipped: " + path.toAbsolutePath());
        return Files.readAllBytes(path);
    }
}
