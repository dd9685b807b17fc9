package org.velibstream.sink.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertmanagerSinkWriterTest {

    private static final Instant NOW = Instant.parse("2026-12-03T17:00:00Z");
    private static final Instant STARTED = Instant.parse("2026-12-03T16:50:00Z");

    /** A test record: a site's outage, open or over. */
    record Outage(String site, Instant start, Instant end) {}

    private final FakeAlertmanager alertmanager;
    private final ManualProcessingTime time = new ManualProcessingTime(NOW.toEpochMilli());

    AlertmanagerSinkWriterTest() throws Exception {
        alertmanager = new FakeAlertmanager();
    }

    @AfterEach
    void stop() {
        alertmanager.close();
    }

    @Test
    void postsOpenAndResolvedAlertsWithTheirLabelsAtTheCheckpoint() throws Exception {
        try (AlertmanagerSinkWriter<Outage> writer = writer(alertmanager.url())) {
            writer.write(new Outage("a", STARTED, null), null);
            writer.write(new Outage("b", STARTED, NOW.minusSeconds(60)), null);
            assertThat(alertmanager.posts()).as("batched until the checkpoint").isEmpty();
            writer.flush(false);

            assertThat(alertmanager.posts()).hasSize(1);
            List<JsonNode> alerts = alertmanager.alerts();
            assertThat(alerts.get(0).get("labels").toString()).isEqualTo("{\"alertname\":\"Outage\",\"site\":\"a\"}");
            assertThat(alerts.get(0).get("annotations").get("details").asText()).isEqualTo("site a");
            assertThat(alerts.get(0).get("startsAt").asText()).isEqualTo(STARTED.toString());
            assertThat(alerts.get(0).get("endsAt").asText())
                    .as("open: ends 4 refresh intervals after this post unless posted again")
                    .isEqualTo(NOW.plus(Duration.ofMinutes(4)).toString());
            assertThat(alerts.get(1).get("endsAt").asText())
                    .isEqualTo(NOW.minusSeconds(60).toString());
            assertThat(writer.openAlerts())
                    .extracting(a -> a.labels().get("site"))
                    .containsExactly("a");
        }
    }

    @Test
    void aResolutionAfterNowEndsNowAndOneBeforeItsStartEndsAtItsStart() throws Exception {
        try (AlertmanagerSinkWriter<Outage> writer = writer(alertmanager.url())) {
            writer.write(new Outage("ahead", STARTED, NOW.plusSeconds(600)), null);
            writer.write(new Outage("future", NOW.plusSeconds(60), NOW.plusSeconds(120)), null);
            writer.flush(false);
            assertThat(alertmanager.alerts())
                    .extracting(alert -> alert.get("endsAt").asText())
                    .containsExactly(NOW.toString(), NOW.plusSeconds(60).toString());
        }
    }

    @Test
    void postsWithinTheSendIntervalWithoutACheckpointAndRefreshesOpenAlertsEveryInterval() throws Exception {
        try (AlertmanagerSinkWriter<Outage> writer = writer(alertmanager.url())) {
            writer.write(new Outage("a", STARTED, null), null);
            writer.write(new Outage("b", STARTED, null), null);
            time.advance(1_000);
            assertThat(alertmanager.alerts()).hasSize(2);

            writer.write(new Outage("b", STARTED, NOW), null);
            time.advance(1_000);
            assertThat(alertmanager.alerts()).hasSize(3);

            for (int second = 0; second < 60; second++) {
                time.advance(1_000);
            }
            List<JsonNode> alerts = alertmanager.alerts();
            assertThat(alerts).as("one refresh, of the alert still open").hasSize(4);
            assertThat(alerts.get(3).get("labels").get("site").asText()).isEqualTo("a");
            assertThat(Instant.parse(alerts.get(3).get("endsAt").asText()))
                    .as("refreshed a minute after the writer started, open 4 minutes more")
                    .isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        }
        assertThat(time.pendingTimers()).as("closing cancels the timer").isZero();
    }

    @Test
    void retriesServerErrorsWithBackoffAndFailsClearlyAfterTheLastAttempt() throws Exception {
        try (AlertmanagerSinkWriter<Outage> writer = writer(alertmanager.url())) {
            alertmanager.answer(503, 500);
            writer.write(new Outage("a", STARTED, null), null);
            writer.flush(false);
            assertThat(alertmanager.alerts()).hasSize(1);

            alertmanager.answer(503, 503, 503, 503);
            writer.write(new Outage("b", STARTED, null), null);
            assertThatThrownBy(() -> writer.flush(false))
                    .isInstanceOf(AlertmanagerSinkException.class)
                    .hasMessageContaining("No Alertmanager took 1 alert(s) after 3 attempt(s)")
                    .hasMessageContaining("HTTP 503: refused with 503")
                    .hasMessageContaining("restarts it from the last checkpoint");
        }
    }

    @Test
    void aClientErrorIsNotRetriedAndOneAlertmanagerTakingTheBatchIsEnough() throws Exception {
        try (FakeAlertmanager second = new FakeAlertmanager();
                AlertmanagerSinkWriter<Outage> writer = writer(alertmanager.url(), second.url())) {
            alertmanager.answer(400);
            writer.write(new Outage("a", STARTED, null), null);
            writer.flush(false);
            assertThat(alertmanager.alerts()).as("400 is not retried").isEmpty();
            assertThat(second.alerts()).hasSize(1);

            alertmanager.answer(404);
            second.answer(404);
            writer.write(new Outage("b", STARTED, null), null);
            assertThatThrownBy(() -> writer.flush(false))
                    .hasMessageContaining("after 3 attempt(s) each")
                    .hasMessageContaining("HTTP 404");
        }
    }

    @Test
    void nothingListeningFailsAfterTheBound() throws Exception {
        try (AlertmanagerSinkWriter<Outage> writer = writer("http://127.0.0.1:1")) {
            writer.write(new Outage("a", STARTED, null), null);
            assertThatThrownBy(() -> writer.flush(false)).hasMessageContaining("Connect");
        }
    }

    @Test
    void theOpenAlertsAreTheStateAndARestoredWriterRefreshesThemAfterOneInterval() throws Exception {
        List<AlertmanagerAlert> state;
        try (AlertmanagerSinkWriter<Outage> writer = writer(alertmanager.url())) {
            writer.write(new Outage("a", STARTED, null), null);
            writer.write(new Outage("b", STARTED, null), null);
            writer.write(new Outage("b", STARTED, NOW), null);
            writer.flush(false);
            state = writer.snapshotState(1);
        }
        AlertmanagerAlertSerializer serializer = new AlertmanagerAlertSerializer();
        List<AlertmanagerAlert> restored =
                state.stream().map(alert -> roundTrip(serializer, alert)).toList();
        assertThat(restored)
                .isEqualTo(state)
                .extracting(a -> a.labels().get("site"))
                .containsExactly("a");

        int before = alertmanager.alerts().size();
        try (AlertmanagerSinkWriter<Outage> writer = new AlertmanagerSinkWriter<>(
                AlertmanagerSinkWriterTest::toAlert,
                options(List.of(alertmanager.url())),
                time,
                UnregisteredMetricsGroup.createSinkWriterMetricGroup(),
                restored)) {
            time.advance(59_000);
            assertThat(alertmanager.alerts())
                    .as("not refreshed before the replay had its interval")
                    .hasSize(before);
            time.advance(1_000);
            assertThat(alertmanager.alerts()).hasSize(before + 1);
        }
    }

    @Test
    void optionsRefuseWhatCannotWork() {
        assertThatThrownBy(() -> AlertmanagerSink.<Outage>builder()
                        .setAlertmanagers("localhost:9093")
                        .setAlertMapper(AlertmanagerSinkWriterTest::toAlert)
                        .build())
                .hasMessageContaining("not an http(s) URL with a host");
        assertThatThrownBy(() -> AlertmanagerSink.<Outage>builder().build()).hasMessageContaining("alert mapper");
        assertThatThrownBy(() -> AlertmanagerAlert.open(Map.of("bad-name", "x"), Map.of(), NOW))
                .hasMessageContaining("not a Prometheus label name");
        AlertmanagerDeliveryOptions defaults = AlertmanagerSink.<Outage>builder()
                .setAlertmanagers("http://127.0.0.1:9093")
                .setAlertMapper(AlertmanagerSinkWriterTest::toAlert)
                .build()
                .options();
        assertThat(defaults.longestDelivery()).as("the documented bound").isEqualTo(Duration.ofMillis(75_500));
    }

    private static AlertmanagerAlert roundTrip(AlertmanagerAlertSerializer serializer, AlertmanagerAlert alert) {
        try {
            return serializer.deserialize(serializer.getVersion(), serializer.serialize(alert));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private AlertmanagerSinkWriter<Outage> writer(String... urls) {
        return new AlertmanagerSinkWriter<>(
                AlertmanagerSinkWriterTest::toAlert,
                options(List.of(urls)),
                time,
                UnregisteredMetricsGroup.createSinkWriterMetricGroup(),
                List.of());
    }

    private static AlertmanagerDeliveryOptions options(List<String> urls) {
        return new AlertmanagerDeliveryOptions(
                urls.stream().map(java.net.URI::create).toList(),
                Duration.ofSeconds(1),
                100,
                Duration.ofMinutes(1),
                Duration.ofSeconds(2),
                3,
                Duration.ofMillis(10),
                Duration.ofMillis(40));
    }

    private static AlertmanagerAlert toAlert(Outage outage) {
        Map<String, String> labels = Map.of("alertname", "Outage", "site", outage.site());
        Map<String, String> annotations = Map.of("details", "site " + outage.site());
        return outage.end() == null
                ? AlertmanagerAlert.open(labels, annotations, outage.start())
                : AlertmanagerAlert.resolved(labels, annotations, outage.start(), outage.end());
    }
}
