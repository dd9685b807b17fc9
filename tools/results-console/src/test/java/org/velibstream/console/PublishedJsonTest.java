package org.velibstream.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PublishedJsonTest {

    private final PublishedJson json = new PublishedJson();

    @Test
    void readsAStatisticsRecordAndIgnoresFieldsItDoesNotKnow() throws Exception {
        PublishedStats stats = json.readStats("""
                {"systemId":"velib","areaKind":"POSTAL_CODE","area":"75011","windowStart":"2024-11-19T08:22:00Z",
                 "windowEnd":"2024-11-19T08:23:00Z","stations":40,"bikes":300,"mechanical":200,"ebike":100,
                 "docks":400,"capacity":700,"emptyStations":1,"fullStations":2,"outOfServiceStations":3,
                 "inconsistentStations":4,"aFieldOfTomorrow":true}""");

        assertThat(stats)
                .isEqualTo(new PublishedStats(
                        "velib",
                        "POSTAL_CODE",
                        "75011",
                        Instant.parse("2024-11-19T08:22:00Z"),
                        Instant.parse("2024-11-19T08:23:00Z"),
                        40,
                        300,
                        200,
                        100,
                        400,
                        700,
                        1,
                        2,
                        3,
                        4));
    }

    @Test
    void readsAnAlertOfATypeItHasNeverSeen() throws Exception {
        PublishedAlert alert = json.readAlert("""
                {"systemId":"velib","stationCode":"16107","areaKind":"POSTAL_CODE","area":"75016","type":"TOMORROWS_TYPE",
                 "state":"OPEN","since":"2024-11-19T08:00:00Z","detectedAt":"2024-11-19T08:05:00Z",
                 "details":"something new"}""");

        assertThat(alert.type()).isEqualTo("TOMORROWS_TYPE");
        assertThat(alert.detectedAt()).isEqualTo(Instant.parse("2024-11-19T08:05:00Z"));
    }

    @Test
    void readsAnUnknownBikeSplitAsNull() throws Exception {
        PublishedStats stats = json.readStats("""
                {"systemId":"baywheels","areaKind":"REGION","area":"San Francisco",
                 "windowStart":"2023-01-08T08:22:00Z","windowEnd":"2023-01-08T08:23:00Z","stations":300,"bikes":1200,
                 "mechanical":null,"ebike":null,"docks":3000,"capacity":4500,"emptyStations":1,"fullStations":2,
                 "outOfServiceStations":3}""");

        assertThat(stats.mechanical()).isNull();
        assertThat(stats.ebike()).isNull();
        assertThat(stats.areaLabel()).isEqualTo("region San Francisco");
        assertThat(stats.inconsistentStations())
                .as("a record of a job from before inconsistentStations reads as none")
                .isZero();
    }

    @Test
    void aRecordWithoutItsKeyIsUnreadable() {
        assertThatThrownBy(() -> json.readStats("{\"systemId\":\"velib\"}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> json.readAlert("not json")).isInstanceOf(IOException.class);
    }
}
