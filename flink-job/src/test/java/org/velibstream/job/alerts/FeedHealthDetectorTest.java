package org.velibstream.job.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.velibstream.job.alerts.StationAlertDetectorTest.withoutDetails;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.job.ingest.FeedHealth;
import org.velibstream.job.ingest.FeedItem;
import org.velibstream.job.ingest.GbfsResponseDeserializer;
import org.velibstream.job.ingest.MaxClockSkew;
import org.velibstream.job.testing.KeyedTestHarness;
import org.velibstream.source.http.PollSuccess;
import org.velibstream.source.http.PolledResponse;

class FeedHealthDetectorTest {

    private static final Duration DOWN_AFTER = Duration.ofMinutes(3);
    private static final Instant T0 = Instant.parse("2026-11-23T05:00:00Z");
    private static final String STATUS = "station_status";

    private KeyedTestHarness<String, FeedHealth, StationAlert> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness = newHarness(null);
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    private static KeyedTestHarness<String, FeedHealth, StationAlert> newHarness(
            @Nullable OperatorSubtaskState snapshot) throws Exception {
        KeyedTestHarness<String, FeedHealth, StationAlert> harness =
                KeyedTestHarness.open(new FeedHealthDetector(DOWN_AFTER), FeedHealth::feedKey, snapshot);
        harness.setProcessingTime(T0.toEpochMilli());
        return harness;
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    /** A poll that failed; processing time does not move, so that only the data can open an alert. */
    private void down(String feed, long seconds, String failure, String reason) throws Exception {
        harness.processElement(
                FeedHealth.down("velib", feed, at(seconds), failure, reason),
                at(seconds).toEpochMilli());
    }

    private void down(long seconds, String failure) throws Exception {
        down(STATUS, seconds, failure, failure + " reason");
    }

    private void up(String feed, long seconds) throws Exception {
        harness.processElement(
                FeedHealth.up("velib", feed, at(seconds)), at(seconds).toEpochMilli());
    }

    @Test
    void aFeedWhoseEveryDocumentIsAheadOfTheClockGoesDownNamingTheClock() throws Exception {
        GbfsResponseDeserializer deserializer = new GbfsResponseDeserializer(Map.of(), MaxClockSkew.defaults());
        URI uri = URI.create("http://gbfs.example/station_status.json");
        List<FeedItem> items = new ArrayList<>();
        for (long seconds = 0; seconds <= 240; seconds += 60) {
            Instant polledAt = at(seconds);
            String ahead = "{\"last_updated\":"
                    + polledAt.plus(Duration.ofMinutes(10)).getEpochSecond() + ",\"data\":{\"stations\":[]}}";
            deserializer.deserialize(
                    new PolledResponse(
                            "velib/station_status",
                            uri,
                            200,
                            Map.of(),
                            ahead.getBytes(StandardCharsets.UTF_8),
                            polledAt),
                    new ListCollector<>(items));
            deserializer.pollSucceeded(
                    new PollSuccess("velib/station_status", uri, 200, polledAt), new ListCollector<>(items));
        }
        for (FeedItem item : items) {
            if (item.kind() == FeedItem.Kind.FEED_HEALTH) {
                harness.processElement(item.health(), item.observedAt().toEpochMilli());
            }
        }

        assertThat(withoutDetails(alerts())).containsExactly(alert(AlertState.OPEN, 0, 180));
        assertThat(alerts().get(0).details())
                .contains("(clock-ahead)")
                .contains("last: clock ahead: stamped 2026-11-23T05:13:00Z, 10 min after it was received at");
    }

    private List<StationAlert> alerts() {
        return harness.extractOutputValues();
    }

    private static StationAlert alert(AlertState state, long sinceSeconds, long detectedSeconds) {
        return new StationAlert(
                "velib",
                STATUS,
                AreaKind.UNKNOWN,
                "FEED",
                AlertType.FEED_DOWN,
                state,
                at(sinceSeconds),
                at(detectedSeconds),
                "");
    }

    @Test
    void opensOnceWhenEveryPollFailedForTheThresholdAndResolvesAtTheFirstAnswer() throws Exception {
        up(STATUS, -60);
        down(0, "connect");
        down(60, "http5xx");
        down(120, "timeout");
        down(179, "http5xx");
        assertThat(alerts()).as("not down for %s yet", DOWN_AFTER).isEmpty();

        down(180, "connect");
        down(240, "timeout");
        up(STATUS, 300);

        List<StationAlert> alerts = alerts();
        assertThat(withoutDetails(alerts))
                .containsExactly(alert(AlertState.OPEN, 0, 180), alert(AlertState.RESOLVED, 0, 300));
        assertThat(alerts.get(0).details())
                .isEqualTo("station_status of velib down: 5 failed polls since " + T0
                        + " (connect, http5xx, timeout); last: connect reason");
        assertThat(alerts.get(1).details())
                .isEqualTo("station_status of velib answers again after 6 failed polls since " + T0
                        + " (connect, http5xx, timeout)");
    }

    @Test
    void aFeedDownFromItsFirstPollThatStopsReportingOpensOnTime() throws Exception {
        // A hanging endpoint: one failure at the request timeout, then nothing until the backoff lets it retry.
        down(0, "timeout");
        harness.setProcessingTime(at(179).toEpochMilli());
        assertThat(alerts()).isEmpty();

        harness.setProcessingTime(at(180).toEpochMilli());
        assertThat(withoutDetails(alerts())).containsExactly(alert(AlertState.OPEN, 0, 180));

        down(400, "timeout");
        harness.setProcessingTime(at(900).toEpochMilli());
        assertThat(alerts()).as("one alert per outage").hasSize(1);
    }

    @Test
    void aShortOutageRaisesNothingAndTheNextOutageCountsFromItsOwnStart() throws Exception {
        down(0, "connect");
        up(STATUS, 30);
        harness.setProcessingTime(at(600).toEpochMilli());
        assertThat(alerts()).as("the first outage's timer must be gone").isEmpty();
        assertThat(harness.numProcessingTimeTimers()).isZero();

        down(1200, "http5xx");
        down(1370, "http5xx");
        assertThat(alerts()).isEmpty();
        down(1380, "http5xx");
        assertThat(withoutDetails(alerts())).containsExactly(alert(AlertState.OPEN, 1200, 1380));
    }

    @Test
    void eachFeedOfEachSystemHasItsOwnHealth() throws Exception {
        down(STATUS, 0, "connect", "refused");
        up("station_information", 10);
        down("station_information", 20, "http5xx", "HTTP 503");
        up("station_information", 200);
        harness.setProcessingTime(at(200).toEpochMilli());

        assertThat(alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.systemId()).isEqualTo("velib");
            assertThat(alert.stationCode()).isEqualTo("station_status");
            assertThat(alert.state()).isEqualTo(AlertState.OPEN);
        });
    }

    @Test
    void anOutageAndItsAlertSurviveARestore() throws Exception {
        down(0, "connect");
        OperatorSubtaskState beforeThreshold = harness.snapshot(1, at(10).toEpochMilli());
        harness.close();

        harness = newHarness(beforeThreshold);
        harness.setProcessingTime(at(180).toEpochMilli());
        assertThat(withoutDetails(alerts())).containsExactly(alert(AlertState.OPEN, 0, 180));
        OperatorSubtaskState whileOpen = harness.snapshot(2, at(190).toEpochMilli());
        harness.close();

        harness = newHarness(whileOpen);
        down(200, "timeout");
        up(STATUS, 260);
        assertThat(withoutDetails(alerts()))
                .as("still open after the restore, so resolved, not reopened")
                .containsExactly(alert(AlertState.RESOLVED, 0, 260));
        harness.assertNothingLeftBehind();
    }

    @Test
    void aFeedThatAnswersAgainLeavesNoStateAndNoTimersBehind() throws Exception {
        down(0, "connect");
        harness.setProcessingTime(at(180).toEpochMilli());
        assertThat(alerts()).hasSize(1);
        up(STATUS, 240);

        assertThat(withoutDetails(alerts()))
                .containsExactly(alert(AlertState.OPEN, 0, 180), alert(AlertState.RESOLVED, 0, 240));
        harness.assertNothingLeftBehind();
    }

    @Test
    void aFeedNoLongerPolledWhileDownIsForgottenADayLater() throws Exception {
        down(0, "connect");
        harness.setProcessingTime(at(180).toEpochMilli());
        assertThat(withoutDetails(alerts())).containsExactly(alert(AlertState.OPEN, 0, 180));

        harness.idleForCleanup();

        harness.assertNothingLeftBehind();
        assertThat(alerts())
                .as("forgotten silently: no poll said the feed was back")
                .hasSize(1);
    }

    @Test
    void refusesAThresholdThatIsNotPositive() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new FeedHealthDetector(Duration.ZERO))
                .withMessageContaining("feed-down-after");
    }
}
