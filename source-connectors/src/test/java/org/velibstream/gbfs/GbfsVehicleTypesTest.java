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
