package org.velibstream.job.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.velibstream.job.model.TestStations.at;
import static org.velibstream.job.model.TestStations.station;

import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.velibstream.job.testing.KeyedTestHarness;

class FeedRemovalTrackerTest {

    private KeyedTestHarness<String, StationObservation, StationObservation> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness = newHarness(null);
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    private static KeyedTestHarness<String, StationObservation, StationObservation> newHarness(
            @Nullable OperatorSubtaskState snapshot) throws Exception {
        return KeyedTestHarness.open(new FeedRemovalTracker(), StationObservation::systemId, snapshot);
    }

    private void document(String time, String... stationCodes) throws Exception {
        for (String code : stationCodes) {
            harness.processElement(station(code).observedAt(time), at(time).toEpochMilli());
        }
    }

    private List<StationObservation> tombstones() {
        return harness.extractOutputValues().stream()
                .filter(StationObservation::removed)
                .toList();
    }

    private List<Long> tombstoneTimestamps() {
        return harness.timestampsOf(StationObservation.class, StationObservation::removed);
    }

    @Test
    void forwardsEveryObservationAtOnce() throws Exception {
        document("08:00:00", "1001", "1002");

        assertThat(harness.extractOutputValues())
                .extracting(StationObservation::stationKey)
                .containsExactly("1001", "1002");
    }

    @Test
    void emitsATombstoneAtTheFirstDocumentAStationIsMissingFrom() throws Exception {
        document("08:00:00", "1001", "1002", "1003");
        document("08:01:00", "1001", "1003");
        harness.processWatermark(at("08:00:00").toEpochMilli());
        assertThat(tombstones())
                .as("first document closed: nothing to compare with")
                .isEmpty();

        harness.processWatermark(at("08:01:00").toEpochMilli());

        assertThat(tombstones()).singleElement().satisfies(tombstone -> {
            assertThat(tombstone.stationKey()).isEqualTo("1002");
            assertThat(tombstone.observedAt()).isEqualTo(at("08:01:00"));
            assertThat(tombstone.area()).isEqualTo("75001");
        });
        assertThat(tombstoneTimestamps())
                .as("tombstones carry the time of the document they are missing from")
                .containsExactly(at("08:01:00").toEpochMilli());
    }

    @Test
    void aStationThatComesBackIsTrackedAgainAndCanBeRemovedAgain() throws Exception {
        document("08:00:00", "1001", "1002");
        document("08:01:00", "1001");
        document("08:02:00", "1001", "1002");
        document("08:03:00", "1001");
        harness.processWatermark(at("08:03:00").toEpochMilli());

        assertThat(tombstones())
                .extracting(StationObservation::stationKey, StationObservation::observedAt)
                .containsExactly(tuple("1002", at("08:01:00")), tuple("1002", at("08:03:00")));
        assertThat(harness.counter(FeedRemovalTracker.TOMBSTONES_METRIC)).isEqualTo(2);
    }

    @Test
    void documentsWhoseObservationsInterleaveAreStillComparedAsWholeDocuments() throws Exception {
        document("08:00:00", "1001", "1002");
        // The next document starts arriving before the watermark has closed the first one.
        document("08:01:00", "1001");
        document("08:00:00", "1003");
        document("08:01:00", "1003");
        harness.processWatermark(at("08:01:00").toEpochMilli());

        assertThat(tombstones()).extracting(StationObservation::stationKey).containsExactly("1002");
    }

    @Test
    void lateObservationIsForwardedButDoesNotChangeWhichStationsArePresent() throws Exception {
        document("08:00:00", "1001", "1002");
        harness.processWatermark(at("08:00:00").toEpochMilli());
        document("08:00:00", "1003"); // late: its document is already closed
        document("08:01:00", "1001", "1002");
        harness.processWatermark(at("08:01:00").toEpochMilli());

        assertThat(harness.extractOutputValues())
                .filteredOn(observation -> observation.stationKey().equals("1003"))
                .as("the late observation is forwarded")
                .hasSize(1);
        assertThat(tombstones())
                .as("1003 was never tracked, so it is not removed")
                .isEmpty();
        assertThat(harness.counter(FeedRemovalTracker.LATE_OBSERVATIONS_METRIC)).isEqualTo(1);
    }

    @Test
    void openDocumentsAndPresentStationsSurviveSnapshotAndRestore() throws Exception {
        document("08:00:00", "1001", "1002");
        harness.processWatermark(at("08:00:00").toEpochMilli());
        document("08:01:00", "1001");
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = newHarness(snapshot);
        harness.processWatermark(at("08:01:00").toEpochMilli());

        assertThat(tombstones())
                .extracting(StationObservation::stationKey, StationObservation::observedAt)
                .containsExactly(tuple("1002", at("08:01:00")));
    }

    @Test
    void aSystemThatSendsNoDocumentForADayIsForgottenWithoutTombstones() throws Exception {
        document("08:00:00", "1001", "1002");
        harness.processWatermark(at("08:00:00").toEpochMilli());
        assertThat(harness.numEventTimeTimers())
                .as("the closed document's timer")
                .isZero();

        harness.idleForCleanup();
        harness.assertNothingLeftBehind();

        document("09:00:00", "1001");
        harness.processWatermark(at("09:00:00").toEpochMilli());
        assertThat(tombstones())
                .as("1002 was forgotten with its system, as downstream forgets it")
                .isEmpty();
    }

    @Test
    void theCleanupTimerSurvivesSnapshotAndRestore() throws Exception {
        document("08:00:00", "1001", "1002");
        harness.processWatermark(at("08:00:00").toEpochMilli());
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = newHarness(snapshot);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
        document("08:01:00", "1001");
        harness.processWatermark(at("08:01:00").toEpochMilli());
        assertThat(tombstones()).extracting(StationObservation::stationKey).containsExactly("1002");

        harness.idleForCleanup();
        harness.assertNothingLeftBehind();
    }

    @Test
    void tombstoneInTheInputIsForwardedUnchanged() throws Exception {
        StationObservation tombstone = station("1001").observedAt("08:00:00").removedAt(at("08:01:00"));
        harness.processElement(tombstone, at("08:01:00").toEpochMilli());
        harness.processWatermark(at("08:02:00").toEpochMilli());

        assertThat(harness.extractOutputValues()).containsExactly(tombstone);
        harness.assertNothingLeftBehind();
    }
}
