package org.velibstream.job.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.velibstream.job.model.TestStations.at;
import static org.velibstream.job.model.TestStations.station;

import java.time.Duration;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.gbfs.Inconsistency;
import org.velibstream.job.model.IdleKeyCleanup;
import org.velibstream.job.model.StationObservation;
import org.velibstream.job.model.TestStations;
import org.velibstream.job.testing.KeyedTestHarness;

class StationAlertDetectorTest {

    private static final String CODE = "16107";

    private KeyedTestHarness<String, StationObservation, StationAlert> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness = newHarness(AlertThresholds.DEFAULTS, null);
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    private static KeyedTestHarness<String, StationObservation, StationAlert> newHarness(
            AlertThresholds thresholds, @Nullable OperatorSubtaskState snapshot) throws Exception {
        return KeyedTestHarness.open(new StationAlertDetector(thresholds), StationObservation::stationKey, snapshot);
    }

    private static TestStations healthy() {
        return station(CODE);
    }

    private static TestStations empty() {
        return station(CODE).bikes(0, 0).docks(20);
    }

    private void observe(StationObservation observation) throws Exception {
        harness.processElement(observation, observation.observedAt().toEpochMilli());
    }

    private void watermark(String time) throws Exception {
        harness.processWatermark(at(time).toEpochMilli());
    }

    /** The alerts emitted once the input is over: the final watermark of a bounded replay fires every timer. */
    private List<StationAlert> alertsAtEndOfInput() throws Exception {
        harness.processWatermark(Watermark.MAX_WATERMARK);
        return harness.extractOutputValues();
    }

    private static StationAlert open(AlertType type, String since, String detectedAt) {
        return new StationAlert(
                "velib", CODE, AreaKind.POSTAL_CODE, "75001", type, AlertState.OPEN, at(since), at(detectedAt), "");
    }

    private static StationAlert resolved(AlertType type, String since, String detectedAt) {
        return new StationAlert(
                "velib", CODE, AreaKind.POSTAL_CODE, "75001", type, AlertState.RESOLVED, at(since), at(detectedAt), "");
    }

    /** Alerts with their details blanked, to compare everything else exactly. */
    static List<StationAlert> withoutDetails(List<StationAlert> alerts) {
        return alerts.stream()
                .map(alert -> new StationAlert(
                        alert.systemId(),
                        alert.stationCode(),
                        alert.areaKind(),
                        alert.area(),
                        alert.type(),
                        alert.state(),
                        alert.since(),
                        alert.detectedAt(),
                        ""))
                .toList();
    }

    @Test
    void healthyStationRaisesNothing() throws Exception {
        observe(healthy().observedAt("08:00:00"));
        observe(healthy().observedAt("09:00:00"));

        assertThat(alertsAtEndOfInput()).isEmpty();
    }

    @Test
    void emptyOpensOnceAnObservationShowsZeroBikesThirtyMinutesAfterTheFirstZeroAndResolvesWithBikes()
            throws Exception {
        observe(empty().observedAt("08:00:00"));
        observe(empty().observedAt("08:29:59"));
        observe(empty().observedAt("08:30:00"));
        observe(empty().observedAt("08:31:00"));
        observe(healthy().observedAt("08:40:00"));

        List<StationAlert> alerts = alertsAtEndOfInput();

        assertThat(withoutDetails(alerts))
                .containsExactly(
                        open(AlertType.EMPTY, "08:00:00", "08:30:00"),
                        resolved(AlertType.EMPTY, "08:00:00", "08:40:00"));
        assertThat(alerts.get(0).details()).isEqualTo("bikes available: 0");
    }

    @Test
    void endOfAReplayDoesNotOpenAnAlertTheDataDidNotEarn() throws Exception {
        observe(empty().observedAt("08:00:00"));
        observe(empty().observedAt("08:20:00"));

        assertThat(alertsAtEndOfInput())
                .as("only 20 minutes of 0 bikes were observed")
                .isEmpty();
    }

    @Test
    void bikesInBetweenRestartTheEmptyRun() throws Exception {
        observe(empty().observedAt("08:00:00"));
        observe(station(CODE).bikes(1, 0).docks(19).observedAt("08:15:00"));
        observe(empty().observedAt("08:20:00"));
        observe(empty().observedAt("08:45:00"));
        observe(empty().observedAt("08:50:00"));

        assertThat(withoutDetails(alertsAtEndOfInput())).containsExactly(open(AlertType.EMPTY, "08:20:00", "08:50:00"));
    }

    @Test
    void observationsAreJudgedInEventTimeOrderWhateverTheirArrivalOrder() throws Exception {
        observe(empty().observedAt("08:30:00"));
        observe(empty().observedAt("08:00:00"));

        assertThat(withoutDetails(alertsAtEndOfInput())).containsExactly(open(AlertType.EMPTY, "08:00:00", "08:30:00"));
    }

    @Test
    void fullOpensAfterThirtyMinutesWithoutDocksAndResolvesWithADock() throws Exception {
        TestStations full = station(CODE).bikes(10, 10).docks(0);
        observe(full.observedAt("08:00:00"));
        observe(full.observedAt("08:30:00"));
        observe(full.observedAt("08:35:00"));
        observe(station(CODE).bikes(10, 9).docks(1).observedAt("08:36:00"));

        assertThat(withoutDetails(alertsAtEndOfInput()))
                .containsExactly(
                        open(AlertType.FULL, "08:00:00", "08:30:00"), resolved(AlertType.FULL, "08:00:00", "08:36:00"));
    }

    @Test
    void offlineOpensWhenNotInstalledOrNotRentingAndResolvesWhenBothAreBack() throws Exception {
        observe(healthy().renting(false).observedAt("08:00:00"));
        observe(healthy().installed(false).renting(false).observedAt("08:05:00"));
        observe(healthy().observedAt("08:10:00"));
        observe(healthy().installed(false).observedAt("08:20:00"));

        List<StationAlert> alerts = alertsAtEndOfInput();

        assertThat(withoutDetails(alerts))
                .containsExactly(
                        open(AlertType.OFFLINE, "08:00:00", "08:00:00"),
                        resolved(AlertType.OFFLINE, "08:00:00", "08:10:00"),
                        open(AlertType.OFFLINE, "08:20:00", "08:20:00"));
        assertThat(alerts.get(0).details()).isEqualTo("installed=true, renting=false");
    }

    @Test
    void staleOpensWhenLastReportedLagsTwoHoursBehindTheFeedAndResolvesWhenItReportsAgain() throws Exception {
        observe(healthy().lastReported(at("07:00:00")).observedAt("08:00:00"));
        observe(healthy().lastReported(at("07:00:00")).observedAt("08:59:59"));
        observe(healthy().lastReported(at("07:00:00")).observedAt("09:00:00"));
        observe(healthy().lastReported(at("07:00:00")).observedAt("09:10:00"));
        observe(healthy().lastReported(at("09:15:00")).observedAt("09:20:00"));

        assertThat(withoutDetails(alertsAtEndOfInput()))
                .containsExactly(
                        open(AlertType.STALE, "07:00:00", "09:00:00"),
                        resolved(AlertType.STALE, "07:00:00", "09:20:00"));
    }

    @Test
    void staleOpensAtFirstSightForAStationAlreadySilentForTwoHours() throws Exception {
        observe(healthy().lastReported(at("05:30:00")).observedAt("08:00:00"));

        assertThat(withoutDetails(alertsAtEndOfInput())).containsExactly(open(AlertType.STALE, "05:30:00", "08:00:00"));
    }

    @Test
    void staleIsJudgedAgainstTheFeedsLastUpdatedSoAFrozenFeedBlamesNoStation() throws Exception {
        StationObservation frozenFeed = healthy().lastReported(at("07:59:00")).observedAt("08:00:00");
        for (String pollTime : List.of("08:00:00", "09:00:00", "10:00:00", "11:00:00")) {
            // The feed's last_updated stays 08:00 while the Kafka record timestamps advance.
            observe(new StationObservation(
                    frozenFeed.systemId(),
                    frozenFeed.stationId(),
                    frozenFeed.stationCode(),
                    frozenFeed.stationKey(),
                    frozenFeed.areaKind(),
                    frozenFeed.area(),
                    frozenFeed.capacity(),
                    at(pollTime),
                    frozenFeed.status(),
                    at("08:00:00"),
                    false));
        }

        assertThat(alertsAtEndOfInput()).isEmpty();
    }

    @Test
    void suddenDropOpensOnAFallOfHalfTheBikesAndAtLeastFiveWithinFifteenMinutes() throws Exception {
        observe(station(CODE).bikes(6, 6).docks(8).observedAt("08:00:00"));
        observe(station(CODE).bikes(4, 3).docks(13).observedAt("08:05:00")); // fell by 5 < 6: not yet
        observe(station(CODE).bikes(3, 3).docks(14).observedAt("08:10:00")); // fell by 6 = 50 % of 12
        observe(station(CODE).bikes(3, 2).docks(15).observedAt("08:12:00")); // still falling: no second alert
        observe(station(CODE).bikes(3, 2).docks(15).observedAt("08:28:00")); // the fall is older than 15 min

        List<StationAlert> alerts = alertsAtEndOfInput();

        assertThat(withoutDetails(alerts))
                .containsExactly(
                        open(AlertType.SUDDEN_DROP, "08:00:00", "08:10:00"),
                        resolved(AlertType.SUDDEN_DROP, "08:00:00", "08:28:00"));
        assertThat(alerts.get(0).details()).isEqualTo("bikes fell from 12 to 6");
    }

    @Test
    void aFallSpreadOverMoreThanFifteenMinutesIsNoSuddenDrop() throws Exception {
        observe(station(CODE).bikes(6, 6).docks(8).observedAt("08:00:00"));
        observe(station(CODE).bikes(1, 1).docks(18).observedAt("08:15:01"));

        assertThat(alertsAtEndOfInput()).isEmpty();
    }

    @Test
    void aSmallStationNeedsAFallOfAtLeastFiveBikes() throws Exception {
        observe(station(CODE).bikes(2, 2).docks(16).observedAt("08:00:00"));
        observe(station(CODE).bikes(0, 0).docks(20).observedAt("08:01:00")); // 4 bikes gone, 100 %, but < 5

        assertThat(alertsAtEndOfInput()).isEmpty();
    }

    @Test
    void inconsistentOpensOnFailedChecksOrDocksAboveCapacityAndResolvesWhenConsistent() throws Exception {
        observe(healthy()
                .inconsistencies(Inconsistency.BIKE_TYPES_DO_NOT_SUM_TO_TOTAL)
                .observedAt("08:00:00"));
        observe(healthy().observedAt("08:01:00"));
        observe(healthy().docks(16).capacity(15).observedAt("08:02:00")); // more free docks than docks
        observe(healthy().docks(16).capacity(0).observedAt("08:03:00")); // unknown capacity: nothing to compare with

        List<StationAlert> alerts = alertsAtEndOfInput();

        assertThat(withoutDetails(alerts))
                .containsExactly(
                        open(AlertType.INCONSISTENT, "08:00:00", "08:00:00"),
                        resolved(AlertType.INCONSISTENT, "08:00:00", "08:01:00"),
                        open(AlertType.INCONSISTENT, "08:02:00", "08:02:00"),
                        resolved(AlertType.INCONSISTENT, "08:02:00", "08:03:00"));
        assertThat(alerts)
                .extracting(StationAlert::details)
                .startsWith("BIKE_TYPES_DO_NOT_SUM_TO_TOTAL", "consistent", "docks 16 exceed capacity 15");
    }

    @Test
    void bikesAndDocksAboveTheCapacityAreNoInconsistency() throws Exception {
        // Real Vélib' stations do it (bikes parked in overflow: 38 bikes, 0 docks at a 25-dock station), as do real
        // Bay Wheels stations by a few bikes: see ImpossibleCounts.
        observe(healthy().bikes(20, 18).docks(0).capacity(25).observedAt("08:00:00"));
        observe(healthy().capacity(15).observedAt("09:00:00")); // 10 bikes + 10 docks > 15

        assertThat(alertsAtEndOfInput()).isEmpty();
    }

    @Test
    void aNegativeCountIsInconsistentButNoSuddenDropAndNoBaselineForOne() throws Exception {
        observe(healthy().bikes(6, 6).docks(8).observedAt("08:00:00"));
        observe(healthy()
                .bikes(-3, 0)
                .docks(38)
                .capacity(35)
                .inconsistencies(Inconsistency.NEGATIVE_BIKES, Inconsistency.NEGATIVE_BIKE_TYPE_COUNT)
                .observedAt("08:01:00")); // 12 → −3 would be a fall of 15
        observe(healthy().bikes(6, 6).docks(8).observedAt("08:02:00"));
        observe(healthy()
                .bikes(20, 10)
                .inconsistencies(Inconsistency.BIKE_TYPES_DO_NOT_SUM_TO_TOTAL)
                .observedAt("08:03:00")); // 30 bikes that cannot be trusted
        observe(healthy().bikes(6, 6).docks(8).observedAt("08:04:00")); // 30 → 12 would be a fall of 18
        observe(healthy().bikes(6, 6).docks(8).observedAt("08:05:00").removedAt(at("08:06:00")));

        List<StationAlert> alerts = alertsAtEndOfInput();

        assertThat(withoutDetails(alerts))
                .as("INCONSISTENT for each impossible observation, never SUDDEN_DROP")
                .containsExactly(
                        open(AlertType.INCONSISTENT, "08:01:00", "08:01:00"),
                        resolved(AlertType.INCONSISTENT, "08:01:00", "08:02:00"),
                        open(AlertType.INCONSISTENT, "08:03:00", "08:03:00"),
                        resolved(AlertType.INCONSISTENT, "08:03:00", "08:04:00"));
        assertThat(alerts.get(0).details())
                .isEqualTo("NEGATIVE_BIKES, NEGATIVE_BIKE_TYPE_COUNT, docks 38 exceed capacity 35");
        harness.assertNothingLeftBehind();
    }

    @Test
    void anImpossibleObservationNeitherInterruptsNorResolvesAnEmptyRun() throws Exception {
        observe(empty().observedAt("08:00:00"));
        observe(empty().bikes(-3, 0)
                .inconsistencies(Inconsistency.NEGATIVE_BIKES, Inconsistency.NEGATIVE_BIKE_TYPE_COUNT)
                .observedAt("08:10:00"));
        observe(empty().observedAt("08:30:00"));
        observe(empty().bikes(2, 0)
                .inconsistencies(Inconsistency.BIKE_TYPES_DO_NOT_SUM_TO_TOTAL)
                .observedAt("08:40:00")); // bikes that cannot be trusted: still empty
        observe(healthy().observedAt("08:50:00"));

        List<StationAlert> alerts = alertsAtEndOfInput();

        assertThat(withoutDetails(alerts))
                .containsExactly(
                        open(AlertType.INCONSISTENT, "08:10:00", "08:10:00"),
                        open(AlertType.EMPTY, "08:00:00", "08:30:00"),
                        resolved(AlertType.INCONSISTENT, "08:10:00", "08:30:00"),
                        open(AlertType.INCONSISTENT, "08:40:00", "08:40:00"),
                        resolved(AlertType.EMPTY, "08:00:00", "08:50:00"),
                        resolved(AlertType.INCONSISTENT, "08:40:00", "08:50:00"));
    }

    @Test
    void aTombstoneResolvesEveryOpenAlertOfTheStation() throws Exception {
        StationObservation offlineAndEmpty = empty().renting(false).observedAt("08:00:00");
        observe(offlineAndEmpty);
        observe(empty().observedAt("08:10:00"));
        observe(empty().observedAt("08:40:00"));
        observe(empty().observedAt("08:41:00").removedAt(at("08:42:00")));

        List<StationAlert> alerts = alertsAtEndOfInput();

        assertThat(withoutDetails(alerts))
                .containsExactly(
                        open(AlertType.OFFLINE, "08:00:00", "08:00:00"),
                        resolved(AlertType.OFFLINE, "08:00:00", "08:10:00"),
                        open(AlertType.EMPTY, "08:10:00", "08:40:00"),
                        resolved(AlertType.EMPTY, "08:10:00", "08:42:00"));
        assertThat(alerts.get(3).details()).isEqualTo("station removed from the feed");
        harness.assertNothingLeftBehind();
    }

    @Test
    void aStationSeenAgainAfterItsTombstoneKeepsItsCleanupTimer() throws Exception {
        observe(empty().observedAt("08:00:00"));
        observe(empty().observedAt("08:10:00").removedAt(at("08:11:00")));
        observe(empty().observedAt("08:35:00")); // arrives before the tombstone is judged
        watermark("08:35:00");

        assertThat(harness.numProcessingTimeTimers())
                .as("the station is back: its cleanup timer must outlive the tombstone")
                .isEqualTo(1);
        harness.idleForCleanup();
        harness.assertNothingLeftBehind();
    }

    @Test
    void aStationThatStopsReportingWithoutATombstoneIsForgottenADayLater() throws Exception {
        observe(empty().renting(false).observedAt("08:00:00"));
        observe(empty().observedAt("08:10:00"));
        observe(empty().observedAt("08:40:00"));
        watermark("08:40:00");
        assertThat(withoutDetails(harness.extractOutputValues()))
                .containsExactly(
                        open(AlertType.OFFLINE, "08:00:00", "08:00:00"),
                        resolved(AlertType.OFFLINE, "08:00:00", "08:10:00"),
                        open(AlertType.EMPTY, "08:10:00", "08:40:00"));

        harness.setProcessingTime(IdleKeyCleanup.RETENTION.toMillis() - 1);
        assertThat(harness.numKeyedStateEntries()).as("kept for a day").isPositive();
        harness.idleForCleanup();

        harness.assertNothingLeftBehind();
        assertThat(harness.extractOutputValues()).as("forgotten silently").hasSize(3);
        observe(healthy().observedAt("09:00:00"));
        assertThat(alertsAtEndOfInput())
                .as("back after a day with bikes: no EMPTY alert left open to resolve")
                .hasSize(3);
    }

    @Test
    void aStationSeenAgainAfterItsTombstoneStartsFromAClearState() throws Exception {
        observe(empty().observedAt("08:00:00"));
        observe(empty().observedAt("08:10:00").removedAt(at("08:11:00")));
        observe(empty().observedAt("08:35:00"));

        assertThat(alertsAtEndOfInput())
                .as("the run of 0 bikes before the removal does not count")
                .isEmpty();
    }

    @Test
    void lateObservationGoesToTheSideOutputAndIsNotJudged() throws Exception {
        observe(empty().observedAt("08:00:00"));
        watermark("08:10:00");
        StationObservation late = empty().observedAt("08:05:00");
        observe(late);

        assertThat(alertsAtEndOfInput()).isEmpty();
        assertThat(harness.getSideOutput(StationAlertDetector.LATE_OBSERVATIONS))
                .extracting(StreamRecord::getValue)
                .containsExactly(late);
        assertThat(harness.counter(StationAlertDetector.LATE_OBSERVATIONS_METRIC))
                .isEqualTo(1);
        harness.idleForCleanup();
        harness.assertNothingLeftBehind();
    }

    @Test
    void anObservationBehindTheWatermarkOfAStationNeverSeenLeavesNothing() throws Exception {
        watermark("08:10:00");
        observe(empty().observedAt("08:05:00"));

        assertThat(harness.getSideOutput(StationAlertDetector.LATE_OBSERVATIONS))
                .hasSize(1);
        harness.assertNothingLeftBehind();
    }

    @Test
    void theCleanupTimerSurvivesARestoreAndCountsTheDowntimeAsNoSilence() throws Exception {
        observe(empty().renting(false).observedAt("08:00:00"));
        watermark("08:00:00");
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = newHarness(AlertThresholds.DEFAULTS, snapshot);
        assertThat(harness.numProcessingTimeTimers())
                .as("restored cleanup timer")
                .isEqualTo(1);
        // The job was down for two days: the restored timer is overdue and fires at once.
        long restartedAt = 2 * KeyedTestHarness.longestIdleKeep().toMillis();
        harness.setProcessingTime(restartedAt);
        assertThat(harness.numKeyedStateEntries())
                .as("a stopped job's downtime is no silence of the station")
                .isPositive();

        observe(empty().observedAt("08:10:00"));
        assertThat(withoutDetails(alertsAtEndOfInput()))
                .as("the OFFLINE alert opened before the restore is still open")
                .containsExactly(resolved(AlertType.OFFLINE, "08:00:00", "08:10:00"));
        harness.idleForCleanup();
        harness.assertNothingLeftBehind();
    }

    @Test
    void runsOpenAlertsAndWaitingObservationsSurviveSnapshotAndRestore() throws Exception {
        observe(empty().renting(false).observedAt("07:50:00"));
        observe(empty().observedAt("08:00:00"));
        watermark("08:00:00");
        observe(empty().observedAt("08:20:00")); // still waiting for its timer
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = newHarness(AlertThresholds.DEFAULTS, snapshot);
        observe(empty().observedAt("08:30:00"));
        observe(empty().renting(false).observedAt("08:40:00"));

        assertThat(withoutDetails(alertsAtEndOfInput()))
                .containsExactly(
                        open(AlertType.EMPTY, "08:00:00", "08:30:00"), open(AlertType.OFFLINE, "08:40:00", "08:40:00"));
    }

    @Test
    void thresholdsAreConfigurable() throws Exception {
        harness.close();
        harness = newHarness(
                new AlertThresholds(
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(10),
                        Duration.ofMinutes(1),
                        1,
                        0.1),
                null);
        observe(empty().observedAt("08:00:00"));
        observe(empty().observedAt("08:05:00"));

        assertThat(withoutDetails(alertsAtEndOfInput())).containsExactly(open(AlertType.EMPTY, "08:00:00", "08:05:00"));
    }
}
