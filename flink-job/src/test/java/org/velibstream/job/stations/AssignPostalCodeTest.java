package org.velibstream.job.stations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.velibstream.job.model.TestStations.at;
import static org.velibstream.job.model.TestStations.station;

import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.velibstream.data.stations.Coordinates;
import org.velibstream.data.stations.StationRow;
import org.velibstream.gbfs.StationInformation;
import org.velibstream.job.ingest.FeedItem;
import org.velibstream.job.model.StationObservation;
import org.velibstream.job.model.TestStations;
import org.velibstream.job.testing.KeyedTestHarness;

class AssignPostalCodeTest {

    /** In the table. */
    private static final StationRow GODARD = new StationRow(
            "16107",
            "213688169",
            "Benjamin Godard - Victor Hugo",
            new Coordinates(48.865983, 2.275725),
            35,
            "75016",
            "75116",
            "Paris");

    /** Missing from the table; its information places it 100 m from Godard. */
    private static final String NEW_STATION = "16199";

    private static final StationDirectory DIRECTORY = StationDirectory.of(List.of(GODARD));

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
                        new KeyedCoProcessOperator<>(new AssignPostalCode(DIRECTORY)),
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

    private static TestStations godard() {
        return station("16107").postalCode(StationObservation.UNKNOWN_POSTAL_CODE);
    }

    private static TestStations newStation() {
        return station(NEW_STATION).postalCode(StationObservation.UNKNOWN_POSTAL_CODE);
    }

    private void observe(StationObservation observation) throws Exception {
        harness.processElement1(observation, observation.observedAt().toEpochMilli());
    }

    private void informationOfTheNewStation() throws Exception {
        StationInformation information =
                new StationInformation("9" + NEW_STATION, NEW_STATION, "New", 48.8668, 2.2763, 12, null, null);
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
    void aRemovedStationOfTheTableLeavesNothingBehind() throws Exception {
        StationObservation seen = godard().observedAt("08:00:00");
        observe(seen);
        observe(seen.removedAt(at("08:01:00")));

        assertThat(output())
                .extracting(StationObservation::postalCode, StationObservation::removed)
                .containsExactly(tuple("75016", false), tuple("75016", true));
        assertNothingLeftBehind();
    }

    @Test
    void aStationMissingFromTheTableWaitsForItsInformationAndIsForgottenADayAfterLeavingBothFeeds() throws Exception {
        StationObservation seen = newStation().observedAt("08:00:00");
        observe(seen);
        assertThat(output()).as("waits for its coordinates").isEmpty();
        informationOfTheNewStation();
        observe(seen.removedAt(at("08:01:00")));
        watermark("08:01:00");

        assertThat(output())
                .extracting(StationObservation::postalCode, StationObservation::removed)
                .containsExactly(tuple("75016", false), tuple("75016", true));
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
    void informationPostalCodeAndCleanupTimerSurviveSnapshotAndRestore() throws Exception {
        informationOfTheNewStation();
        observe(newStation().observedAt("08:00:00"));
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = newHarness(snapshot);
        assertThat(harness.numProcessingTimeTimers())
                .as("restored cleanup timer")
                .isEqualTo(1);
        observe(newStation().observedAt("08:01:00"));
        assertThat(output())
                .extracting(StationObservation::postalCode, StationObservation::capacity)
                .as("placed with the information restored, without waiting")
                .containsExactly(tuple("75016", 12));

        harness.setProcessingTime(
                harness.getProcessingTime() + KeyedTestHarness.longestIdleKeep().toMillis());
        assertNothingLeftBehind();
    }
}
