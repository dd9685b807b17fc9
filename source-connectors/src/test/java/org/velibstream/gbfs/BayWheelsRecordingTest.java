package org.velibstream.gbfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The decoders on three real days of Bay Wheels, a system in Lyft's shape ({@code num_ebikes_available}, UUID ids,
 * {@code region_id}, no {@code post_code}), from {@code ../shared/data/other_systems}; skipped when absent. Every count
 * is checked against sums computed independently from Jackson's tree model.
 */
class BayWheelsRecordingTest {

    private static final Path RECORDING =
            Path.of("..", "..", "shared", "data", "other_systems", "2023-01-08_baywheels_3days");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void everyStatusDocumentSplitsBikesAsTheFeedSays() throws Exception {
        List<Path> documents;
        try (Stream<Path> files = Files.list(recording("status"))) {
            documents = files.filter(file -> file.toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
        StationStatusDecoder decoder = new StationStatusDecoder();
        for (Path document : documents) {
            byte[] json = Files.readAllBytes(document);
            CollectingListener<StationStatus> listener = new CollectingListener<>();
            decoder.decodeDocument(json, listener);

            long bikes = 0, ebikes = 0;
            for (JsonNode station : MAPPER.readTree(json).path("data").path("stations")) {
                bikes += station.path("num_bikes_available").asLong();
                ebikes += station.path("num_ebikes_available").asLong();
            }
            assertThat(listener.rejections).as("rejections in %s", document).isEmpty();
            assertThat(listener.stations)
                    .as("every station of %s has a known split", document)
                    .allSatisfy(station -> assertThat(station.ebikes()).isNotNull());
            assertThat(listener.stations.stream()
                            .mapToLong(StationStatus::ebikes)
                            .sum())
                    .as("e-bikes of %s", document)
                    .isEqualTo(ebikes);
            assertThat(listener.stations.stream()
                            .mapToLong(StationStatus::mechanicalBikes)
                            .sum())
                    .as("mechanical bikes of %s", document)
                    .isEqualTo(bikes - ebikes);
        }
        assertThat(documents).hasSizeGreaterThan(300);
    }

    @Test
    void readsTheSystemsClockAndItsStationsRegions() throws Exception {
        GbfsSystemInformation system =
                GbfsSystemInformation.decode(Files.readAllBytes(recording("system_information.json")));
        CollectingListener<StationInformation> stations = new CollectingListener<>();
        new StationInformationDecoder()
                .decodeDocument(Files.readAllBytes(recording("station_information.json")), stations);

        assertThat(system.systemId()).isEqualTo("fgb");
        assertThat(system.name()).isEqualTo("Bay Wheels");
        assertThat(system.timezone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
        assertThat(stations.rejections).isEmpty();
        assertThat(stations.stations).hasSize(501);
        assertThat(stations.stations)
                .allSatisfy(station -> assertThat(station.postCode()).isNull());
        assertThat(stations.stations)
                .filteredOn(station -> station.regionId() != null)
                .hasSizeGreaterThan(400);
    }

    private static Path recording(String name) throws IOException {
        Path path = RECORDING.resolve(name);
        assumeTrue(Files.exists(path), () -> "Bay Wheels recording not available, skipped: " + path.toAbsolutePath());
        return path;
    }
}
