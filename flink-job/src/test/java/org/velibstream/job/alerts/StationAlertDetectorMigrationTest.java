package org.velibstream.job.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.velibstream.job.alerts.StationAlertDetectorTest.withoutDetails;
import static org.velibstream.job.model.TestStations.at;
import static org.velibstream.job.model.TestStations.station;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.job.model.StationObservation;
import org.velibstream.job.testing.KeyedTestHarness;

/**
 * A savepoint of the detector before issue 14 (its state then: {@code open-alerts}, {@code empty-since},
 * {@code full-since} and the {@code recent-bikes} list) restores into this detector, and the alerts that follow are
 * those the old detector would have raised: runs, recent bike counts and open alerts carry over.
 *
 * <p>The resource {@value #OLD_SNAPSHOT} was written by {@link #writeSnapshotOfTheOldState} with the detector of
 * commit 204f798 (run it with {@code -Dalerts.write-old-snapshot=true} on that commit to write it again).
 */
class StationAlertDetectorMigrationTest {

    static final String OLD_SNAPSHOT = "alerts/station-alerts-before-issue14.snapshot";

    private static final String DROPPING = "1001";
    private static final String EMPTYING = "1002";
    private static final String OFFLINE = "1003";
    private static final String ALL_GOOD = "1004";

    private static KeyedTestHarness<String, StationObservation, StationAlert> harness(OperatorSubtaskState snapshot)
            throws Exception {
        return KeyedTestHarness.open(
                new StationAlertDetector(AlertThresholds.DEFAULTS), StationObservation::stationKey, snapshot);
    }

    private static void observe(
            KeyedTestHarness<String, StationObservation, StationAlert> harness, StationObservation observation)
            throws Exception {
        harness.processElement(observation, observation.observedAt().toEpochMilli());
    }

    @Test
    @EnabledIfSystemProperty(named = "alerts.write-old-snapshot", matches = "true")
    void writeSnapshotOfTheOldState() throws Exception {
        try (var old = harness(null)) {
            observe(old, station(DROPPING).bikes(6, 6).docks(8).observedAt("08:00:00"));
            observe(old, station(DROPPING).bikes(5, 5).docks(10).observedAt("08:02:00"));
            observe(old, station(DROPPING).bikes(6, 6).docks(8).observedAt("08:04:00"));
            observe(old, station(EMPTYING).bikes(0, 0).docks(20).observedAt("08:00:00"));
            observe(old, station(EMPTYING).bikes(0, 0).docks(20).observedAt("08:04:00"));
            observe(old, station(OFFLINE).renting(false).observedAt("08:00:00"));
            observe(old, station(ALL_GOOD).observedAt("08:00:00"));
            old.processWatermark(at("08:04:00").toEpochMilli());
            observe(old, station(EMPTYING).bikes(0, 0).docks(20).observedAt("08:20:00")); // still waiting
            assertThat(old.extractOutputValues()).hasSize(1); // OFFLINE opened
            Path file = Path.of("src/test/resources", OLD_SNAPSHOT);
            Files.createDirectories(file.getParent());
            OperatorSnapshotUtil.writeStateHandle(old.snapshot(1L, 1L), file.toString());
        }
    }

    @Test
    void aSavepointOfTheOldStateShapeRestoresAndTheSameAlertsFollow() throws Exception {
        OperatorSubtaskState snapshot = OperatorSnapshotUtil.readStateHandle(
                Path.of("src/test/resources", OLD_SNAPSHOT).toString());
        try (var restored = harness(snapshot)) {
            // 12 bikes at 08:00 and 08:04 (before the restore): the earliest of the largest count is the drop's since.
            observe(restored, station(DROPPING).bikes(3, 2).docks(15).observedAt("08:10:00"));
            observe(restored, station(EMPTYING).bikes(0, 0).docks(20).observedAt("08:30:00"));
            observe(restored, station(OFFLINE).observedAt("08:10:00"));
            observe(restored, station(ALL_GOOD).observedAt("08:10:00"));
            restored.processWatermark(Watermark.MAX_WATERMARK);

            List<StationAlert> alerts = withoutDetails(restored.extractOutputValues());
            assertThat(alerts)
                    .as("alerts after the restore, from runs, counts and alerts of before it")
                    .containsExactlyInAnyOrder(
                            alert(DROPPING, AlertType.SUDDEN_DROP, AlertState.OPEN, "08:00:00", "08:10:00"),
                            alert(EMPTYING, AlertType.EMPTY, AlertState.OPEN, "08:00:00", "08:30:00"),
                            alert(OFFLINE, AlertType.OFFLINE, AlertState.RESOLVED, "08:00:00", "08:10:00"));

            restored.idleForCleanup();
            restored.assertNothingLeftBehind();
        }
    }

    private static StationAlert alert(String code, AlertType type, AlertState state, String since, String at) {
        return new StationAlert("velib", code, AreaKind.POSTAL_CODE, "75001", type, state, at(since), at(at), "");
    }
}
