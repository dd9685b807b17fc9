package org.velibstream.job.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.velibstream.job.model.TestStations.at;
import static org.velibstream.job.model.TestStations.station;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.gbfs.Inconsistency;
import org.velibstream.gbfs.StationStatus;
import org.velibstream.job.alerts.AlertThresholds;
import org.velibstream.job.alerts.StationAlert;
import org.velibstream.job.alerts.StationAlertDetector;
import org.velibstream.job.testing.KeyedTestHarness;

/**
 * A snapshot holding observations serialized by Flink's record {@code PojoSerializer} (every version before
 * {@link StationObservationSerializer}) restores: the observations read back equal, and the detector that holds them
 * raises the same alerts as one fed the observations directly.
 *
 * <p>The resource {@value #OLD_SNAPSHOT} was written by {@link #writeSnapshotOfTheOldSerializer} on commit 3a7171f,
 * before the compact serializer (run it with {@code -Dobservations.write-old-snapshot=true} on that commit to write it
 * again).
 */
class StationObservationMigrationTest {

    static final String OLD_SNAPSHOT = "model/observations-pojo-serializer.snapshot";

    /** What the old snapshot holds: every optional field set and unset, a station without code, a tombstone. */
    static List<StationObservation> heldObservations() {
        StationStatus withoutCode =
                new StationStatus("ab-77", null, 4, null, null, 11, true, true, true, null, List.of());
        return List.of(
                station("1001").bikes(6, 6).docks(8).observedAt("08:10:00"),
                station("1002")
                        .bikes(0, 0)
                        .docks(20)
                        .capacity(null)
                        .lastReported(at("07:59:58.250"))
                        .inconsistencies(Inconsistency.BIKE_TYPES_DO_NOT_SUM_TO_TOTAL, Inconsistency.NEGATIVE_DOCKS)
                        .observedAt("08:10:00"),
                station("1003")
                        .renting(false)
                        .installed(false)
                        .area(AreaKind.UNKNOWN, "UNKNOWN")
                        .observedAt("08:10:00"),
                station("1004").observedAt("08:00:00").removedAt(at("08:10:00")),
                StationObservation.of(
                        "citibike-nyc",
                        withoutCode,
                        AreaKind.REGION,
                        "Jersey City",
                        0,
                        Instant.parse("2024-11-19T08:10:00.123456789Z"),
                        null),
                station("1005")
                        .bikes(-1, 3)
                        .docks(-2)
                        .area(AreaKind.USER_AREA, "zone é")
                        .capacity(-4)
                        .observedAt("08:10:00"));
    }

    private static KeyedTestHarness<String, StationObservation, StationAlert> harness(OperatorSubtaskState snapshot)
            throws Exception {
        return KeyedTestHarness.open(
                new StationAlertDetector(AlertThresholds.DEFAULTS), StationObservation::stateKey, snapshot);
    }

    private static void observeAll(KeyedTestHarness<String, StationObservation, StationAlert> harness)
            throws Exception {
        for (StationObservation observation : earlierObservations()) {
            harness.processElement(observation, observation.observedAt().toEpochMilli());
        }
        harness.processWatermark(at("08:05:00").toEpochMilli());
        for (StationObservation observation : heldObservations()) {
            harness.processElement(observation, observation.observedAt().toEpochMilli());
        }
    }

    /** Observations judged before the snapshot, so that the held ones resolve or raise alerts when judged. */
    private static List<StationObservation> earlierObservations() {
        return List.of(
                station("1001").bikes(10, 10).docks(0).observedAt("08:00:00"),
                station("1002").bikes(0, 0).docks(20).observedAt("07:00:00"),
                station("1003").renting(false).installed(false).observedAt("07:00:00"),
                station("1004").bikes(0, 0).docks(20).observedAt("07:00:00"));
    }

    @Test
    @EnabledIfSystemProperty(named = "observations.write-old-snapshot", matches = "true")
    void writeSnapshotOfTheOldSerializer() throws Exception {
        try (var old = harness(null)) {
            observeAll(old);
            Path file = Path.of("src/test/resources", OLD_SNAPSHOT);
            Files.createDirectories(file.getParent());
            OperatorSnapshotUtil.writeStateHandle(old.snapshot(1L, 1L), file.toString());
        }
    }

    @Test
    void observationsHeldByThePojoSerializerRestoreEqualAndGiveTheSameAlerts() throws Exception {
        OperatorSubtaskState snapshot = OperatorSnapshotUtil.readStateHandle(
                Path.of("src/test/resources", OLD_SNAPSHOT).toString());
        List<StationAlert> expected;
        try (var direct = harness(null)) {
            observeAll(direct);
            int beforeTheSnapshot = direct.extractOutputValues().size();
            direct.processWatermark(Watermark.MAX_WATERMARK);
            List<StationAlert> all = direct.extractOutputValues();
            expected = all.subList(beforeTheSnapshot, all.size());
        }
        try (var restored = harness(snapshot)) {
            assertThat(pendingObservations(restored))
                    .as("observations read back from the old serializer's bytes")
                    .containsExactlyInAnyOrderElementsOf(heldObservations());

            restored.processWatermark(Watermark.MAX_WATERMARK);

            assertThat(restored.extractOutputValues())
                    .as("alerts judged from the restored observations")
                    .isNotEmpty()
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private static List<StationObservation> pendingObservations(
            KeyedTestHarness<String, StationObservation, StationAlert> harness) throws Exception {
        KeyedStateBackend<String> backend = harness.getOperator().getKeyedStateBackend();
        MapStateDescriptor<PendingObservations.StationAt, StationObservation> descriptor = new MapStateDescriptor<>(
                "pending-observations",
                TypeInformation.of(PendingObservations.StationAt.class),
                TypeInformation.of(StationObservation.class));
        List<String> keys =
                backend.getKeys(descriptor.getName(), VoidNamespace.INSTANCE).toList();
        Map<PendingObservations.StationAt, StationObservation> held = new HashMap<>();
        for (String key : keys) {
            backend.setCurrentKey(key);
            MapState<PendingObservations.StationAt, StationObservation> state =
                    backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor);
            state.entries().forEach(entry -> held.put(entry.getKey(), entry.getValue()));
        }
        return List.copyOf(held.values());
    }
}
