package org.velibstream.job.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.velibstream.job.model.TestStations.at;
import static org.velibstream.job.model.TestStations.station;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.gbfs.StationStatus;

class StationObservationTest {

    private static StationStatus status(String stationId, String stationCode) {
        return new StationStatus(stationId, stationCode, 1, 1, 0, 9, true, true, true, null, List.of());
    }

    @Test
    void takesItsIdsAndKeyFromTheStatus() {
        StationObservation withCode =
                StationObservation.of("velib", status("213688169", "16107"), 20, at("08:00:00"), null);
        StationObservation withoutCode = StationObservation.of(
                "citibike", status("66db237e-0aca-11e7-82f6-3863bb44ef7c", null), 20, at("08:00:00"), null);

        assertThat(withCode.stationKey()).isEqualTo("16107");
        assertThat(withCode.stationId()).isEqualTo("213688169");
        assertThat(withoutCode.stationKey()).isEqualTo("66db237e-0aca-11e7-82f6-3863bb44ef7c");
        assertThat(withoutCode.stationCode()).isNull();
        assertThat(withCode.areaKind()).as("not placed yet").isEqualTo(AreaKind.UNKNOWN);
        assertThat(withCode.area()).isEqualTo(StationObservation.UNKNOWN_AREA);
    }

    @Test
    void anObservationRestoredWithoutAreaIsInTheUnknownArea() {
        // What a savepoint of a version before areas restores: the two fields it did not have are null.
        StationObservation restored = new StationObservation(
                "velib",
                "213688169",
                "16107",
                "16107",
                null,
                null,
                20,
                at("08:00:00"),
                status("213688169", "16107"),
                null,
                false);

        assertThat(restored.areaKind()).isEqualTo(AreaKind.UNKNOWN);
        assertThat(restored.area()).isEqualTo(StationObservation.UNKNOWN_AREA);
    }

    @Test
    void rejectsAKeyThatIsNotTheCodeOrTheId() {
        Instant now = at("08:00:00");
        assertThatThrownBy(() -> new StationObservation(
                        "velib",
                        "213688169",
                        "16107",
                        "213688169",
                        AreaKind.POSTAL_CODE,
                        "75016",
                        20,
                        now,
                        status("213688169", "16107"),
                        null,
                        false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stationKey '213688169'");
        assertThatThrownBy(() -> new StationObservation(
                        "velib",
                        "1",
                        "16107",
                        "16107",
                        AreaKind.POSTAL_CODE,
                        "75016",
                        20,
                        now,
                        status("213688169", "16107"),
                        null,
                        false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("differs from the status");
    }

    @Test
    void aTombstoneKeepsTheStationsLastObservationAtTheTimeOfItsRemoval() {
        StationObservation last = station("16107").postalCode("75016").observedAt("08:00:00");

        StationObservation tombstone = last.removedAt(at("08:01:00"));

        assertThat(tombstone.removed()).isTrue();
        assertThat(tombstone.observedAt()).isEqualTo(at("08:01:00"));
        assertThat(tombstone.areaKind()).isEqualTo(AreaKind.POSTAL_CODE);
        assertThat(tombstone.area()).isEqualTo("75016");
        assertThat(tombstone.status()).isEqualTo(last.status());
    }

    @Test
    void zeroCapacityIsUnknown() {
        assertThat(station("16107").capacity(0).observedAt("08:00:00").knownCapacity())
                .isNull();
        assertThat(station("16107").capacity(null).observedAt("08:00:00").knownCapacity())
                .isNull();
        assertThat(station("16107").capacity(35).observedAt("08:00:00").knownCapacity())
                .isEqualTo(35);
    }
}
