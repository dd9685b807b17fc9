package org.velibstream.job.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.job.alerts.AlertState;
import org.velibstream.job.alerts.AlertType;
import org.velibstream.job.alerts.StationAlert;
import org.velibstream.sink.alertmanager.AlertmanagerAlert;

/** What Alertmanager receives for the job's alerts: docs/operations.md ("Alerts to people") documents the same. */
class AlertmanagerOutputsTest {

    private static final Instant SINCE = Instant.parse("2024-11-19T07:40:00Z");
    private static final Instant DETECTED = Instant.parse("2024-11-19T08:00:00Z");
    private static final Instant REFILLED = Instant.parse("2024-11-19T08:30:00Z");

    @Test
    void anAlertsOpeningAndResolutionAreOneAlertmanagerAlertStartingWhenTheConditionStarted() {
        StationAlert open = new StationAlert(
                "velib",
                "16107",
                AreaKind.POSTAL_CODE,
                "75016",
                AlertType.EMPTY,
                AlertState.OPEN,
                SINCE,
                DETECTED,
                "0 bikes for 20 min");
        AlertmanagerAlert opened = AlertmanagerOutputs.toAlertmanager(open);
        AlertmanagerAlert resolved = AlertmanagerOutputs.toAlertmanager(open.resolved(REFILLED, "3 bikes again"));

        assertThat(opened.labels())
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                        "alertname", "EMPTY",
                        "source", "velib-stream",
                        "system", "velib",
                        "area_kind", "postal_code",
                        "area", "75016",
                        "station", "16107",
                        "severity", "warning"));
        assertThat(resolved.labels()).as("the same identity").isEqualTo(opened.labels());
        assertThat(opened.isOpen()).isTrue();
        assertThat(opened.startsAt()).isEqualTo(SINCE);
        assertThat(opened.annotations())
                .containsEntry("details", "0 bikes for 20 min")
                .containsEntry("detected_at", DETECTED.toString())
                .containsEntry("summary", "EMPTY at station 16107 of velib (75016)");
        assertThat(resolved.startsAt()).isEqualTo(SINCE);
        assertThat(resolved.endsAt()).isEqualTo(REFILLED);
        assertThat(resolved.annotations()).containsEntry("details", "3 bikes again");
    }

    @Test
    void everyTypeHasASeverityAndAFeedDownIsCritical() {
        assertThat(Arrays.stream(AlertType.values()).map(AlertmanagerOutputs::severity))
                .allMatch(severity ->
                        severity.equals("critical") || severity.equals("warning") || severity.equals("info"));
        assertThat(AlertmanagerOutputs.severity(AlertType.FEED_DOWN)).isEqualTo("critical");
        assertThat(AlertmanagerOutputs.severity(AlertType.INCONSISTENT)).isEqualTo("info");
        StationAlert feedDown = new StationAlert(
                "velib",
                "station_status",
                AreaKind.UNKNOWN,
                "FEED",
                AlertType.FEED_DOWN,
                AlertState.OPEN,
                SINCE,
                DETECTED,
                "every poll failed");
        assertThat(AlertmanagerOutputs.toAlertmanager(feedDown).annotations())
                .containsEntry("summary", "Feed station_status of velib is down");
    }
}
