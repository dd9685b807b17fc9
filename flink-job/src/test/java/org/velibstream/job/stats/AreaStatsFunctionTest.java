package org.velibstream.job.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.velibstream.job.model.TestStations.at;
import static org.velibstream.job.model.TestStations.station;

import java.time.Duration;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.gbfs.StationStatus;
import org.velibstream.job.model.StationObservation;
import org.velibstream.job.testing.KeyedTestHarness;

class AreaStatsFunctionTest {

    private KeyedTestHarness<StatsArea, StationObservation, AreaStats> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness = newHarness(null);
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    private static KeyedTestHarness<StatsArea, StationObservation, AreaStats> newHarness(
            @Nullable OperatorSubtaskState snapshot) throws Exception {
        return KeyedTestHarness.open(
                new AreaStatsFunction(AreaStatsFunction.DEFAULT_WINDOW_SIZE),
                StatsArea::of,
                AreaStatsFunction.KEY_TYPE,
                snapshot);
    }

    private void observe(StationObservation observation) throws Exception {
        harness.processElement(observation, observation.observedAt().toEpochMilli());
    }

    private void watermark(String time) throws Exception {
        harness.processWatermark(at(time).toEpochMilli());
    }

    private static AreaStats row(
            String postalCode,
            String windowStart,
            String windowEnd,
            int stations,
            int bikes,
            @Nullable Integer mechanical,
            @Nullable Integer ebike,
            int docks,
            int capacity,
            int empty,
            int full,
            int outOfService) {
        return new AreaStats(
                "velib",
                AreaKind.POSTAL_CODE,
                postalCode,
                at(windowStart),
                at(windowEnd),
                stations,
                bikes,
                mechanical,
                ebike,
                docks,
                capacity,
                empty,
                full,
                outOfService,
                0);
    }

    @Test
    void sumsTheFeedsNumbersOfEveryStationOfThePostalCodeAtTheWindowEnd() throws Exception {
        observe(station("1001").bikes(3, 2).docks(15).capacity(20).observedAt("08:00:10"));
        observe(station("1002").bikes(0, 1).docks(9).capacity(10).observedAt("08:00:10"));
        observe(station("1003")
                .bikes(4, 4)
                .docks(2)
                .capacity(12)
                .postalCode("75002")
                .observedAt("08:00:10"));
        watermark("08:00:59.999");

        assertThat(harness.extractOutputValues())
                .containsExactlyInAnyOrder(
                        row("75001", "08:00:00", "08:01:00", 2, 6, 3, 3, 24, 30, 0, 0, 0),
                        row("75002", "08:00:00", "08:01:00", 1, 8, 4, 4, 2, 12, 0, 0, 0));
        assertThat(harness.timestampsOf(AreaStats.class, row -> true))
                .as("rows carry the window's last millisecond as their timestamp")
                .containsOnly(at("08:00:59.999").toEpochMilli());
    }

    @Test
    void twoSystemsInOnePostalCodeGetARowEach() throws Exception {
        StationObservation velib =
                station("1001").bikes(3, 2).docks(15).capacity(20).observedAt("08:00:10");
        StationObservation other =
                withSystem(station("1001").bikes(1, 0).docks(9).capacity(10).observedAt("08:00:20"), "another-system");
        observe(velib);
        observe(other);
        watermark("08:01:00");

        assertThat(harness.extractOutputValues())
                .as("station 1001 of two systems in one postal code: a row for each system, never summed together")
                .containsExactlyInAnyOrder(
                        row("75001", "08:00:00", "08:01:00", 1, 5, 3, 2, 15, 20, 0, 0, 0),
                        new AreaStats(
                                "another-system",
                                AreaKind.POSTAL_CODE,
                                "75001",
                                at("08:00:00"),
                                at("08:01:00"),
                                1,
                                1,
                                1,
                                0,
                                9,
                                10,
                                0,
                                0,
                                0,
                                0));
    }

    private static StationObservation withSystem(StationObservation observation, String systemId) {
        return StationObservation.of(
                systemId,
                observation.status(),
                observation.areaKind(),
                observation.area(),
                observation.capacity(),
                observation.observedAt(),
                observation.feedUpdatedAt());
    }

    @Test
    void countsEmptyFullAndOutOfServiceStationsAsDocumented() throws Exception {
        observe(station("1001").bikes(0, 0).docks(20).observedAt("08:00:10")); // empty
        observe(station("1002").bikes(10, 10).docks(0).observedAt("08:00:10")); // full
        observe(station("1003").bikes(0, 0).docks(0).installed(false).observedAt("08:00:10")); // out of service only
        observe(station("1004").bikes(0, 0).docks(20).renting(false).observedAt("08:00:10")); // empty, out of service
        watermark("08:01:00");

        assertThat(harness.extractOutputValues())
                .containsExactly(row("75001", "08:00:00", "08:01:00", 4, 20, 10, 10, 40, 80, 2, 1, 2));
    }

    @Test
    void unknownCapacityCountsAsZeroAndOneStationWithoutBikeTypesMakesTheSplitUnknown() throws Exception {
        StationObservation noBreakdown = station("1001").bikes(3, 2).capacity(0).observedAt("08:00:10");
        observe(StationObservation.of(
                noBreakdown.systemId(),
                new StationStatus(
                        noBreakdown.stationId(),
                        noBreakdown.stationCode(),
                        5,
                        null,
                        null,
                        15,
                        true,
                        true,
                        true,
                        null,
                        List.of()),
                AreaKind.POSTAL_CODE,
                "75001",
                0,
                noBreakdown.observedAt(),
                null));
        observe(station("1002").bikes(1, 1).docks(8).capacity(null).observedAt("08:00:10"));
        watermark("08:01:00");

        assertThat(harness.extractOutputValues())
                .as("the split is unknown (null), never 0")
                .containsExactly(row("75001", "08:00:00", "08:01:00", 2, 7, null, null, 23, 0, 0, 0, 0));
    }

    @Test
    void areasOfDifferentKindsSharingACodeGetARowEach() throws Exception {
        observe(station("1001").bikes(3, 2).docks(15).capacity(20).observedAt("08:00:10"));
        observe(station("1002")
                .bikes(1, 0)
                .docks(9)
                .capacity(10)
                .area(AreaKind.USER_AREA, "75001")
                .observedAt("08:00:10"));
        watermark("08:01:00");

        assertThat(harness.extractOutputValues())
                .extracting(AreaStats::areaKind, AreaStats::area, AreaStats::stations, AreaStats::bikes)
                .containsExactlyInAnyOrder(
                        tuple(AreaKind.POSTAL_CODE, "75001", 1, 5), tuple(AreaKind.USER_AREA, "75001", 1, 1));
    }

    @Test
    void repeatedPollsAndDuplicateRecordsNeverChangeTheTotals() throws Exception {
        StationObservation first = station("1001").bikes(3, 2).observedAt("08:00:10");
        observe(first);
        observe(first); // duplicate Kafka record
        observe(station("1002").observedAt("08:00:10"));
        watermark("08:01:00");
        observe(station("1001").bikes(3, 2).observedAt("08:01:10")); // next poll, same data
        observe(station("1001").bikes(3, 2).observedAt("08:01:10"));
        watermark("08:02:00");

        assertThat(harness.extractOutputValues())
                .containsExactly(
                        row("75001", "08:00:00", "08:01:00", 2, 15, 8, 7, 20, 40, 0, 0, 0),
                        row("75001", "08:01:00", "08:02:00", 2, 15, 8, 7, 20, 40, 0, 0, 0));
    }

    @Test
    void eachStationCountsOnceWithItsLatestObservationEvenWhenTheyArriveOutOfOrder() throws Exception {
        observe(station("1001").bikes(1, 1).observedAt("08:00:50"));
        observe(station("1001").bikes(7, 7).observedAt("08:00:10")); // older, arrives later
        watermark("08:01:00");

        assertThat(harness.extractOutputValues())
                .singleElement()
                .extracting(AreaStats::stations, AreaStats::bikes)
                .containsExactly(1, 2);
    }

    @Test
    void anObservationAtExactlyTheWindowEndBelongsToTheNextWindow() throws Exception {
        observe(station("1001").bikes(1, 1).observedAt("08:00:10"));
        observe(station("1001").bikes(5, 5).observedAt("08:01:00"));
        watermark("08:02:00");

        assertThat(harness.extractOutputValues())
                .extracting(AreaStats::windowEnd, AreaStats::bikes)
                .containsExactly(tuple(at("08:01:00"), 2), tuple(at("08:02:00"), 10));
    }

    @Test
    void stationsThatDidNotReportInAWindowStillCountWithTheirLastObservation() throws Exception {
        observe(station("1001").bikes(1, 1).observedAt("08:00:10"));
        observe(station("1002").bikes(2, 2).observedAt("08:00:10"));
        watermark("08:01:00");
        observe(station("1001").bikes(3, 3).observedAt("08:01:10"));
        watermark("08:02:00");

        assertThat(harness.extractOutputValues())
                .extracting(AreaStats::stations, AreaStats::bikes)
                .containsExactly(tuple(2, 6), tuple(2, 10));
    }

    @Test
    void aTombstoneStopsTheStationCountingFromItsWindowOn() throws Exception {
        StationObservation leaving = station("1002").bikes(2, 2).observedAt("08:00:10");
        observe(station("1001").bikes(1, 1).observedAt("08:00:10"));
        observe(leaving);
        watermark("08:01:00");
        observe(leaving.removedAt(at("08:01:10")));
        watermark("08:02:00");
        observe(station("1001").bikes(1, 1).observedAt("08:02:10"));
        watermark("08:03:00");

        assertThat(harness.extractOutputValues())
                .extracting(AreaStats::windowEnd, AreaStats::stations, AreaStats::bikes)
                .containsExactly(tuple(at("08:01:00"), 2, 6), tuple(at("08:02:00"), 1, 2), tuple(at("08:03:00"), 1, 2));
    }

    @Test
    void aPostalCodeWhoseLastStationWasRemovedLeavesNothingBehind() throws Exception {
        StationObservation leaving = station("1001").bikes(2, 2).observedAt("08:00:10");
        observe(leaving);
        watermark("08:01:00");
        observe(leaving.removedAt(at("08:01:10")));
        watermark("08:02:00");

        assertThat(harness.extractOutputValues())
                .extracting(AreaStats::windowEnd, AreaStats::stations)
                .containsExactly(tuple(at("08:01:00"), 1), tuple(at("08:02:00"), 0));
        harness.assertNothingLeftBehind();
    }

    @Test
    void everyEmittedWindowIsGoneAndAPostalCodeWithoutInputForADayIsForgotten() throws Exception {
        observe(station("1001").bikes(1, 1).observedAt("08:00:10"));
        observe(station("1002").bikes(2, 2).observedAt("08:00:20"));
        watermark("08:01:00");
        assertThat(harness.numEventTimeTimers())
                .as("the emitted window's timer")
                .isZero();
        assertThat(harness.numKeyedStateEntries())
                .as("the stations, and the cleanup time")
                .isEqualTo(2);

        harness.idleForCleanup();
        harness.assertNothingLeftBehind();

        observe(station("1002").bikes(3, 3).observedAt("09:00:10"));
        watermark("09:01:00");
        assertThat(harness.extractOutputValues())
                .extracting(AreaStats::stations, AreaStats::bikes)
                .as("after a day of silence, only the stations seen again count")
                .containsExactly(tuple(2, 6), tuple(1, 6));
    }

    @Test
    void theCleanupTimerSurvivesSnapshotAndRestore() throws Exception {
        observe(station("1001").bikes(1, 1).observedAt("08:00:10"));
        watermark("08:01:00");
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = newHarness(snapshot);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
        observe(station("1002").bikes(2, 2).observedAt("08:01:10"));
        watermark("08:02:00");
        assertThat(harness.extractOutputValues())
                .extracting(AreaStats::stations)
                .as("the station restored still counts")
                .containsExactly(2);

        harness.idleForCleanup();
        harness.assertNothingLeftBehind();
    }

    @Test
    void windowsWithoutAnyObservationOfThePostalCodeEmitNothing() throws Exception {
        observe(station("1001").observedAt("08:00:10"));
        watermark("08:01:00");
        watermark("08:05:00");
        observe(station("1001").observedAt("08:05:10"));
        watermark("08:10:00");

        assertThat(harness.extractOutputValues())
                .extracting(AreaStats::windowStart)
                .containsExactly(at("08:00:00"), at("08:05:00"));
    }

    @Test
    void lateObservationGoesToTheSideOutputAndLeavesTheTotalsAlone() throws Exception {
        observe(station("1001").bikes(1, 1).observedAt("08:00:10"));
        watermark("08:01:00");
        StationObservation late = station("1001").bikes(9, 9).observedAt("08:00:50");
        observe(late);
        observe(station("1002").bikes(1, 1).observedAt("08:01:10"));
        watermark("08:02:00");

        assertThat(harness.getSideOutput(AreaStatsFunction.LATE_OBSERVATIONS))
                .extracting(StreamRecord::getValue)
                .containsExactly(late);
        assertThat(harness.extractOutputValues()).extracting(AreaStats::bikes).containsExactly(2, 4);
        assertThat(harness.counter(AreaStatsFunction.LATE_OBSERVATIONS_METRIC)).isEqualTo(1);
        harness.idleForCleanup();
        harness.assertNothingLeftBehind();
    }

    @Test
    void stationsAndPendingWindowsSurviveSnapshotAndRestore() throws Exception {
        observe(station("1001").bikes(1, 1).observedAt("08:00:10"));
        watermark("08:01:00");
        observe(station("1002").bikes(2, 2).observedAt("08:01:10"));
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = newHarness(snapshot);
        watermark("08:02:00");

        assertThat(harness.extractOutputValues())
                .containsExactly(row("75001", "08:01:00", "08:02:00", 2, 6, 3, 3, 20, 40, 0, 0, 0));
    }

    @Test
    void windowSizeMustBeAPositiveWholeNumberOfMilliseconds() {
        assertThatThrownBy(() -> new AreaStatsFunction(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AreaStatsFunction(Duration.ofNanos(1_500_000)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
