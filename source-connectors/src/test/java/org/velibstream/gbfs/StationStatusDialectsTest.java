package org.velibstream.gbfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.velibstream.gbfs.Fixtures.fixture;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The breakdown of bikes by type in each dialect real feeds use, and which form wins when an entry has several. */
class StationStatusDialectsTest {

    private static final Map<String, BikeType> VEHICLE_TYPES =
            Map.of("classic", BikeType.MECHANICAL, "assist", BikeType.EBIKE);

    private final StationStatusDecoder decoder = new StationStatusDecoder(VEHICLE_TYPES);

    @Test
    void readsLyftsEbikesAsThePartOfTheBikesThatIsElectric() throws Exception {
        CollectingListener<StationStatus> listener = new CollectingListener<>();

        GbfsFeedHeader header = decoder.decodeDocument(fixture("lyft_station_status.json"), listener);

        assertThat(header)
                .isEqualTo(new GbfsFeedHeader(Instant.ofEpochSecond(1673161862), 5, null, GbfsVersion.GBFS_2));
        assertThat(listener.stations.get(0))
                .isEqualTo(new StationStatus(
                        "003d58af-e449-4800-aa6d-eb1bba8ad68d",
                        null,
                        7,
                        4,
                        3,
                        20,
                        true,
                        true,
                        true,
                        Instant.ofEpochSecond(1673161772),
                        List.of()));
        assertThat(listener.stations)
                .extracting(
                        StationStatus::stationId,
                        StationStatus::bikesAvailable,
                        StationStatus::mechanicalBikes,
                        StationStatus::ebikes,
                        StationStatus::inconsistencies)
                .containsExactly(
                        tuple("003d58af-e449-4800-aa6d-eb1bba8ad68d", 7, 4, 3, List.of()),
                        tuple("03eb8b17-d20f-400c-a98a-dcbc947228af", 2, 2, 0, List.of()),
                        tuple("more-ebikes-than-bikes", 1, -3, 4, List.of(Inconsistency.NEGATIVE_BIKE_TYPE_COUNT)),
                        tuple("negative-ebikes", 5, 7, -2, List.of(Inconsistency.NEGATIVE_BIKE_TYPE_COUNT)),
                        tuple("no-split", 6, null, null, List.of()));
        assertThat(listener.rejections)
                .extracting(Rejection::reason)
                .containsExactly("num_ebikes_available must be an integer, was the string \"three\"");
    }

    @Test
    void prefersVehicleTypesThenVelibTypesThenLyftsEbikes() throws Exception {
        List<StationStatus> stations = decodeEntries(
                // All three forms: the standard one wins.
                "{\"station_id\": \"all\", \"num_bikes_available\": 5, \"num_docks_available\": 1,"
                        + " \"vehicle_types_available\": [{\"vehicle_type_id\": \"classic\", \"count\": 4},"
                        + " {\"vehicle_type_id\": \"assist\", \"count\": 1}],"
                        + " \"num_bikes_available_types\": [{\"mechanical\": 3}, {\"ebike\": 2}],"
                        + " \"num_ebikes_available\": 5}",
                // An unknown vehicle type makes the standard form say nothing: Vélib's form is next.
                "{\"station_id\": \"unknown-type\", \"num_bikes_available\": 5, \"num_docks_available\": 1,"
                        + " \"vehicle_types_available\": [{\"vehicle_type_id\": \"scooter\", \"count\": 5}],"
                        + " \"num_bikes_available_types\": [{\"mechanical\": 3}, {\"ebike\": 2}],"
                        + " \"num_ebikes_available\": 5}",
                // Neither placeable: Lyft's e-bike count is last.
                "{\"station_id\": \"lyft\", \"num_bikes_available\": 5, \"num_docks_available\": 1,"
                        + " \"vehicle_types_available\": [{\"vehicle_type_id\": \"scooter\", \"count\": 5}],"
                        + " \"num_ebikes_available\": 1}",
                // Nothing placeable at all: unknown, not zero.
                "{\"station_id\": \"none\", \"num_bikes_available\": 5, \"num_docks_available\": 1,"
                        + " \"vehicle_types_available\": [{\"vehicle_type_id\": \"scooter\", \"count\": 5}]}");

        assertThat(stations)
                .extracting(StationStatus::stationId, StationStatus::mechanicalBikes, StationStatus::ebikes)
                .containsExactly(
                        tuple("all", 4, 1),
                        tuple("unknown-type", 3, 2),
                        tuple("lyft", 4, 1),
                        tuple("none", null, null));
        assertThat(stations).allSatisfy(station -> assertThat(station.inconsistencies())
                .as("every form of these entries agrees with the total")
                .isEmpty());
    }

    @Test
    void checksOnlyTheFormTakenAgainstTheTotal() throws Exception {
        List<StationStatus> stations = decodeEntries("{\"station_id\": \"x\", \"num_bikes_available\": 5,"
                + " \"num_docks_available\": 1, \"num_bikes_available_types\": [{\"mechanical\": 1}, {\"ebike\": 1}],"
                + " \"num_ebikes_available\": 1}");

        assertThat(stations).singleElement().satisfies(station -> {
            assertThat(List.of(station.mechanicalBikes(), station.ebikes())).containsExactly(1, 1);
            assertThat(station.inconsistencies()).containsExactly(Inconsistency.BIKE_TYPES_DO_NOT_SUM_TO_TOTAL);
        });
    }

    @Test
    void decodesGbfs30NamesWithTheSystemsVehicleTypes() throws Exception {
        StationStatusDecoder withTypes = new StationStatusDecoder(
                GbfsVehicleTypes.decode(fixture("gbfs30_vehicle_types.json")).bikeTypes());
        CollectingListener<StationStatus> listener = new CollectingListener<>();

        withTypes.decodeDocument(fixture("gbfs30_station_status.json"), listener);

        assertThat(listener.stations)
                .extracting(
                        StationStatus::stationId,
                        StationStatus::bikesAvailable,
                        StationStatus::mechanicalBikes,
                        StationStatus::ebikes,
                        StationStatus::docksAvailable,
                        StationStatus::renting)
                .containsExactly(tuple("station12", 3, 1, 2, 5, true), tuple("station13", 1, null, null, 9, false));
    }

    private List<StationStatus> decodeEntries(String... entries) throws GbfsDecodingException {
        String document =
                "{\"last_updated\": 1700000000, \"data\": {\"stations\": [" + String.join(",", entries) + "]}}";
        CollectingListener<StationStatus> listener = new CollectingListener<>();
        decoder.decodeDocument(document.getBytes(StandardCharsets.UTF_8), listener);
        assertThat(listener.rejections).as("no entry of this test is rejected").isEmpty();
        return listener.stations;
    }
}
