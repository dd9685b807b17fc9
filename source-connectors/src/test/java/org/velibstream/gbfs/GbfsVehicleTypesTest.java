package org.velibstream.gbfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.velibstream.gbfs.Fixtures.fixture;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GbfsVehicleTypesTest {

    @Test
    void mapsBicyclesByPropulsionAndLeavesOtherVehiclesOut() throws Exception {
        GbfsVehicleTypes vehicleTypes = GbfsVehicleTypes.decode(fixture("gbfs30_vehicle_types.json"));

        assertThat(vehicleTypes.bikeTypes())
                .isEqualTo(Map.of("abc123", BikeType.MECHANICAL, "def456", BikeType.EBIKE, "cargo1", BikeType.EBIKE));
        assertThat(vehicleTypes.rejected())
                .extracting(Rejection::reason)
                .containsExactly("bicycle with an unknown propulsion_type", "missing vehicle_type_id");
    }

    @Test
    void decodesGbfs21() throws Exception {
        GbfsVehicleTypes vehicleTypes = GbfsVehicleTypes.decode(fixture("gbfs21_vehicle_types.json"));

        assertThat(vehicleTypes.header().declaredVersion()).isEqualTo("2.1");
        assertThat(vehicleTypes.bikeTypes()).isEqualTo(Map.of("1", BikeType.MECHANICAL, "2", BikeType.EBIKE));
        assertThat(vehicleTypes.rejected()).isEmpty();
    }

    @Test
    void decodesGbfs23WithItsNewFormFactors() throws Exception {
        GbfsVehicleTypes vehicleTypes = GbfsVehicleTypes.decode(fixture("gbfs23_vehicle_types.json"));

        assertThat(vehicleTypes.header().version()).isEqualTo(GbfsVersion.GBFS_2);
        assertThat(vehicleTypes.bikeTypes())
                .isEqualTo(
                        Map.of("classic", BikeType.MECHANICAL, "assist", BikeType.EBIKE, "cargo", BikeType.MECHANICAL));
        assertThat(vehicleTypes.rejected()).isEmpty();
    }

    @Test
    void decodesGbfs30WithLocalizedNames() throws Exception {
        GbfsVehicleTypes vehicleTypes = GbfsVehicleTypes.decode(fixture("gbfs30_vehicle_types.json"));

        assertThat(vehicleTypes.header().version()).isEqualTo(GbfsVersion.GBFS_3);
        assertThat(vehicleTypes.bikeTypes()).containsEntry("abc123", BikeType.MECHANICAL);
    }

    @Test
    void givesStationStatusItsBreakdownByBikeType() throws Exception {
        GbfsVehicleTypes vehicleTypes = GbfsVehicleTypes.decode(fixture("gbfs30_vehicle_types.json"));
        CollectingListener<StationStatus> listener = new CollectingListener<>();

        new StationStatusDecoder(vehicleTypes.bikeTypes())
                .decodeDocument(fixture("gbfs30_station_status.json"), listener);

        StationStatus station12 = listener.stations.get(0);
        assertThat(List.of(station12.mechanicalBikes(), station12.ebikes())).containsExactly(1, 2);
        assertThat(station12.isConsistent()).isTrue();
    }

    @Test
    void failsAnotherFeed() {
        byte[] stationStatus = "{\"data\": {\"stations\": []}}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> GbfsVehicleTypes.decode(stationStatus))
                .isInstanceOf(GbfsDecodingException.class)
                .hasMessage("not a GBFS vehicle_types feed: no \"data.vehicle_types\" array");
    }
}
