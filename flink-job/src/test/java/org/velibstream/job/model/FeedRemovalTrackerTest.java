package org.velibstream.job.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.velibstream.job.model.TestStations.at;
import static org.velibstream.job.model.TestStations.station;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.velibstream.job.testing.KeyedTestHarness;

class FeedRemovalTrackerTest {

    private KeyedTestHarness<SystemBucket, TrackerInput, StationObservation> harness;
    /** As in the job: observations of whole documents reach the tracker through the announcer. */
    private AnnounceFeedDocuments announcer;

    @BeforeEach
    void openHarness() throws Exception {
        harness = newHarness(null);
        announcer = new AnnounceFeedDocuments();
        announcer.open(null);
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    private static KeyedTestHarness<SystemBucket, TrackerInput, StationObservation> newHarness(
            @Nullable OperatorSubtaskState snapshot) throws Exception {
        return KeyedTestHarness.open(
                new FeedRemovalTracker(), TrackerInput::key, FeedRemovalTracker.KEY_TYPE, snapshot);
    }

    private void document(String time, String... stationCodes) throws Exception {
        for (String code : stationCodes) {
            process(station(code).observedAt(time));
        }
    }

    /** {@code observation} as the job hands it to the tracker: after the announcements it causes. */
    private void process(StationObservation observation) throws Exception {
        List<TrackerInput> inputs = new ArrayList<>();
        announcer.processElement(observation, null, new ListCollector<>(inputs));
        for (TrackerInput input : inputs) {
            harness.processElement(input, observation.observedAt().toEpochMilli());
        }
    }

    /** Station codes of which no two are in the same bucket. */
    private static List<String> codesInDistinctBuckets(int count) {
        Set<Integer> buckets = new HashSet<>();
        List<String> codes = new ArrayList<>();
        for (int code = 1001; codes.size() < count; code++) {
            if (buckets.add(SystemBucket.bucketOf(Integer.toString(code)))) {
                codes.add(Integer.toString(code));
            }
        }
        return codes;
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
        assertThat(SystemBucket.bucketOf("1001")).isNotEqualTo(SystemBucket.bucketOf("1002"));
        assertThat(harness.numProcessingTimeTimers())
                .as("one per bucket holding stations")
                .isEqualTo(2);
        document("08:01:00", "1001");
        harness.processWatermark(at("08:01:00").toEpochMilli());
        assertThat(tombstones()).extracting(StationObservation::stationKey).containsExactly("1002");

        harness.idleForCleanup();
        harness.assertNothingLeftBehind();
    }

    @Test
    void tombstoneInTheInputIsForwardedUnchanged() throws Exception {
        StationObservation tombstone = station("1001").observedAt("08:00:00").removedAt(at("08:01:00"));
        process(tombstone);
        harness.processWatermark(at("08:02:00").toEpochMilli());

        assertThat(harness.extractOutputValues()).containsExactly(tombstone);
        harness.assertNothingLeftBehind();
    }

    @Test
    void aDocumentWithNoneOfABucketsStationsTombstonesThemAtItsTime() throws Exception {
        List<String> codes = codesInDistinctBuckets(3);
        document("08:00:00", codes.toArray(String[]::new));
        document("08:01:00", codes.get(0));
        harness.processWatermark(at("08:01:00").toEpochMilli());

        assertThat(tombstones())
                .as(
                        "the buckets of %s and %s had nothing in the second document, and were told of it",
                        codes.get(1), codes.get(2))
                .extracting(StationObservation::stationKey, StationObservation::observedAt)
                .containsExactlyInAnyOrder(tuple(codes.get(1), at("08:01:00")), tuple(codes.get(2), at("08:01:00")));
        assertThat(tombstoneTimestamps()).containsOnly(at("08:01:00").toEpochMilli());
    }

    @Test
    void announcementsNeverLeaveTheTrackerNorCountAsObservations() throws Exception {
        document("08:00:00", "1001", "1002");
        harness.processWatermark(at("08:00:00").toEpochMilli());
        document("08:00:00", "1003"); // late, and announced again: the announcer saw another document last
        document("08:01:00", "1001", "1002");
        document("08:00:30", "1001"); // interleaved: every bucket is told of 08:00:30 and of 08:01:00 once more
        document("08:01:00", "1003");
        harness.processWatermark(at("08:01:00").toEpochMilli());

        assertThat(harness.extractOutputValues())
                .as("the observations, each once, a tombstone, and nothing else")
                .hasSize(8)
                .filteredOn(observation -> !observation.removed())
                .hasSize(7);
        assertThat(harness.counter(FeedRemovalTracker.LATE_OBSERVATIONS_METRIC))
                .as("the late observation, not its announcements")
                .isEqualTo(1);
        assertThat(tombstones())
                .as("08:00:30 held only 1001: 1002 is missing from it, then back at 08:01:00")
                .extracting(StationObservation::stationKey, StationObservation::observedAt)
                .containsExactly(tuple("1002", at("08:00:30")));
    }

    @Test
    void aBucketWhoseStationsAreAllRemovedHoldsNothingAndTheOthersAreCleanedAsBefore() throws Exception {
        List<String> codes = codesInDistinctBuckets(2);
        document("08:00:00", codes.get(0), codes.get(1));
        document("08:01:00", codes.get(0));
        harness.processWatermark(at("08:01:00").toEpochMilli());
        int stillTracked = harness.numKeyedStateEntries();

        assertThat(tombstones()).extracting(StationObservation::stationKey).containsExactly(codes.get(1));
        assertThat(harness.numProcessingTimeTimers())
                .as("only the bucket that still has a station keeps its cleanup timer")
                .isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).as("every document closed").isZero();
        assertThat(stillTracked)
                .as("one station and its cleanup time, in one bucket")
                .isEqualTo(2);

        harness.idleForCleanup();
        harness.assertNothingLeftBehind();
    }
}
