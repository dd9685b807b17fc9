package org.velibstream.job.stations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.velibstream.job.model.TestStations.at;
import static org.velibstream.job.model.TestStations.station;

import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.data.stations.Coordinates;
import org.velibstream.data.stations.StationRow;
import org.velibstream.gbfs.StationInformation;
import org.velibstream.job.ingest.FeedItem;
import org.velibstream.job.model.StationObservation;
import org.velibstream.job.model.TestStations;
import org.velibstream.job.testing.KeyedTestHarness;

class AssignAreaTest {

    /** In the override table. */
    private static final StationRow GODARD = new StationRow(
            "16107",
            "213688169",
            "Benjamin Godard - Victor Hugo",
            new Coordinates(48.865983, 2.275725),
            35,
            "75016",
            "75116",
            "Paris");

    /** Missing from the table: placed by the coordinates of its information. */
    private static final String NEW_STATION = "16199";

    /** The user's polygon: a square east of 2.30. */
    private static final AreaLayer USER_SQUARE =
            (lat, lon) -> lat > 48.85 && lat < 48.88 && lon > 2.30 && lon < 2.32 ? "my-square" : null;

    /** Stands for the built-in postal-code areas: 75016 west of 2.28, 75008 from there to 2.32. */
    private static final AreaLayer BUILT_IN = (lat, lon) ->
            lat > 48.85 && lat < 48.88 && lon > 2.25 && lon < 2.32 ? (lon < 2.28 ? "75016" : "75008") : null;

    private static final AreaPlacement PLACEMENT = new AreaPlacement(
            StationDirectory.of(List.of(GODARD)),
            List.of(new UserAreas(null, "square.geojson", USER_SQUARE)),
            BUILT_IN,
            Map.of(TestStations.SYSTEM_ID, Map.of("7", "Grand Paris Ouest")));

    private KeyedTwoInputStreamOperatorTestHarness<String, StationObservation, FeedItem, StationObservation> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness = newHarness(null);
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, StationObservation, FeedItem, StationObservation>
            newHarness(@Nullable OperatorSubtaskState snapshot) throws Exception {
        KeyedTwoInputStreamOperatorTestHarness<String, StationObservation, FeedItem, StationObservation> harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(new AssignArea(PLACEMENT)),
                        StationObservation::stateKey,
                        item -> StationObservation.stateKey(
                                item.systemId(), item.information().stationKey()),
                        Types.STRING);
        harness.setup();
        if (snapshot != null) {
            harness.initializeState(snapshot);
        }
        harness.open();
        // Information carries no event time: its input never holds the watermark back, as in the job.
        harness.processWatermark2(Watermark.MAX_WATERMARK);
        return harness;
    }

    /** As RouteFeedItems makes them: not placed yet. */
    private static TestStations godard() {
        return station("16107").postalCode(StationObservation.UNKNOWN_AREA);
    }

    private static TestStations newStation() {
        return station(NEW_STATION).postalCode(StationObservation.UNKNOWN_AREA);
    }

    private void observe(StationObservation observation) throws Exception {
        harness.processElement1(observation, observation.observedAt().toEpochMilli());
    }

    /** The new station's information, at {@code lon} on the latitude of Godard. */
    private void informationOfTheNewStation(double lon) throws Exception {
        information(NEW_STATION, 48.8668, lon, 12);
    }

    private void information(String stationCode, double lat, double lon, @Nullable Integer capacity) throws Exception {
        information(stationCode, lat, lon, capacity, null, null);
    }

    private void information(
            String stationCode,
            double lat,
            double lon,
            @Nullable Integer capacity,
            @Nullable String postCode,
            @Nullable String regionId)
            throws Exception {
        StationInformation information = new StationInformation(
                "9" + stationCode, stationCode, "Station " + stationCode, lat, lon, capacity, postCode, regionId);
        harness.processElement2(FeedItem.information(TestStations.SYSTEM_ID, information, at("08:00:00")), 0L);
    }

    private void watermark(String time) throws Exception {
        harness.processWatermark1(new Watermark(at(time).toEpochMilli()));
    }

    private List<StationObservation> output() {
        return harness.extractOutputValues();
    }

    private void assertNothingLeftBehind() {
        assertThat(harness.numKeyedStateEntries())
                .as("keyed state entries left behind")
                .isZero();
        assertThat(harness.numEventTimeTimers())
                .as("event-time timers left behind")
                .isZero();
        assertThat(harness.numProcessingTimeTimers())
                .as("processing-time timers left behind")
                .isZero();
    }

    @Test
    void aStationOfTheOverrideTableIsPlacedAtOnceAndARemovalLeavesNothingBehind() throws Exception {
        StationObservation seen = godard().observedAt("08:00:00");
        observe(seen);
        observe(seen.removedAt(at("08:01:00")));

        assertThat(output())
                .extracting(StationObservation::areaKind, StationObservation::area, StationObservation::removed)
                .containsExactly(
                        tuple(AreaKind.POSTAL_CODE, "75016", false), tuple(AreaKind.POSTAL_CODE, "75016", true));
        assertThat(output().get(0).capacity()).as("the table's capacity").isEqualTo(35);
        assertNothingLeftBehind();
    }

    @Test
    void theOverrideTableWinsOverTheCoordinates() throws Exception {
        information("16107", 48.8668, 2.31, 36); // in the user's square
        observe(godard().observedAt("08:00:00"));

        assertThat(output())
                .extracting(StationObservation::area, StationObservation::capacity)
                .as("the table's area, the information's capacity")
                .containsExactly(tuple("75016", 36));
    }

    @Test
    void theUsersPolygonsComeBeforeTheBuiltInAreas() throws Exception {
        informationOfTheNewStation(2.31); // in the user's square and in built-in 75008
        observe(newStation().observedAt("08:00:00"));

        assertThat(output())
                .extracting(StationObservation::areaKind, StationObservation::area)
                .containsExactly(tuple(AreaKind.USER_AREA, "my-square"));
    }

    @Test
    void theFeedsPostCodeComesBeforeTheBuiltInAreas() throws Exception {
        information(NEW_STATION, 48.8668, 2.2763, 12, "92100", "7"); // in built-in 75016 and in region 7
        observe(newStation().observedAt("08:00:00"));

        assertThat(output())
                .extracting(StationObservation::areaKind, StationObservation::area)
                .containsExactly(tuple(AreaKind.POSTAL_CODE, "92100"));
    }

    @Test
    void aStationOutsideEveryPolygonWithoutPostCodeCountsInItsRegion() throws Exception {
        information(NEW_STATION, 45.0, 5.0, 12, null, "7");
        observe(newStation().observedAt("08:00:00"));
        information("16300", 45.0, 5.0, 12, null, "8");
        observe(station("16300").postalCode(StationObservation.UNKNOWN_AREA).observedAt("08:00:00"));
        information("16400", 45.0, 5.0, 12, null, null);
        observe(station("16400").postalCode(StationObservation.UNKNOWN_AREA).observedAt("08:00:00"));

        assertThat(output())
                .extracting(StationObservation::areaKind, StationObservation::area)
                .as("a named region, a region without a name in system_regions, no region at all")
                .containsExactly(
                        tuple(AreaKind.REGION, "Grand Paris Ouest"),
                        tuple(AreaKind.REGION, "8"),
                        tuple(AreaKind.UNKNOWN, StationObservation.UNKNOWN_AREA));
        assertThat(harness.numEventTimeTimers()).as("nobody waits").isZero();
    }

    @Test
    void aStationMissingFromEveryTableWaitsForItsInformationAndIsForgottenADayAfterLeavingBothFeeds() throws Exception {
        StationObservation seen = newStation().observedAt("08:00:00");
        observe(seen);
        assertThat(output()).as("waits for its coordinates").isEmpty();
        informationOfTheNewStation(2.2763);
        observe(seen.removedAt(at("08:01:00")));
        watermark("08:01:00");

        assertThat(output())
                .extracting(StationObservation::areaKind, StationObservation::area, StationObservation::removed)
                .as("placed by the built-in areas")
                .containsExactly(
                        tuple(AreaKind.POSTAL_CODE, "75016", false), tuple(AreaKind.POSTAL_CODE, "75016", true));
        assertThat(output().get(0).capacity())
                .as("the capacity of its information")
                .isEqualTo(12);
        assertThat(harness.numKeyedStateEntries())
                .as("its information stays while the information feed may still list it")
                .isPositive();

        harness.setProcessingTime(
                harness.getProcessingTime() + KeyedTestHarness.longestIdleKeep().toMillis());
        assertNothingLeftBehind();
    }

    @Test
    void aStationWhoseInformationNeverComesIsUnknownOnceTheWatermarkPassesAndLeavesNothingBehind() throws Exception {
        StationObservation seen = newStation().observedAt("08:00:00");
        observe(seen);
        observe(newStation().observedAt("08:01:00"));
        watermark("08:00:30");

        assertThat(output())
                .extracting(StationObservation::areaKind, StationObservation::observedAt)
                .as("only the observation the watermark passed, UNKNOWN")
                .containsExactly(tuple(AreaKind.UNKNOWN, at("08:00:00")));

        observe(seen.removedAt(at("08:02:00")));
        watermark("08:02:00");
        assertThat(output())
                .extracting(StationObservation::area, StationObservation::removed)
                .containsExactly(
                        tuple(StationObservation.UNKNOWN_AREA, false),
                        tuple(StationObservation.UNKNOWN_AREA, false),
                        tuple(StationObservation.UNKNOWN_AREA, true));
        assertNothingLeftBehind();
    }

    @Test
    void aStationThatMovesLeavesItsOldAreaWithATombstoneThenCountsInTheNewOne() throws Exception {
        informationOfTheNewStation(2.2763);
        observe(newStation().observedAt("08:00:00"));
        informationOfTheNewStation(2.29); // moved east, into built-in 75008
        assertThat(output())
                .as("a move emits nothing until the station's next status")
                .hasSize(1);
        observe(newStation().observedAt("08:01:00"));

        assertThat(output())
                .extracting(StationObservation::area, StationObservation::removed, StationObservation::observedAt)
                .containsExactly(
                        tuple("75016", false, at("08:00:00")),
                        tuple("75016", true, at("08:01:00")),
                        tuple("75008", false, at("08:01:00")));
    }

    @Test
    void theSameInformationAgainChangesNothing() throws Exception {
        informationOfTheNewStation(2.2763);
        observe(newStation().observedAt("08:00:00"));
        informationOfTheNewStation(2.2763);
        observe(newStation().observedAt("08:01:00"));

        assertThat(output())
                .extracting(StationObservation::area, StationObservation::removed)
                .containsExactly(tuple("75016", false), tuple("75016", false));
    }

    @Test
    void informationAreaAndCleanupTimerSurviveSnapshotAndRestore() throws Exception {
        informationOfTheNewStation(2.2763);
        observe(newStation().observedAt("08:00:00"));
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = newHarness(snapshot);
        assertThat(harness.numProcessingTimeTimers())
                .as("restored cleanup timer")
                .isEqualTo(1);
        observe(newStation().observedAt("08:01:00"));
        assertThat(output())
                .extracting(StationObservation::area, StationObservation::capacity)
                .as("placed with the area restored, without waiting")
                .containsExactly(tuple("75016", 12));

        harness.setProcessingTime(
                harness.getProcessingTime() + KeyedTestHarness.longestIdleKeep().toMillis());
        assertNothingLeftBehind();
    }
}
