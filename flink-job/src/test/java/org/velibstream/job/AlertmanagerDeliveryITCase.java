package org.velibstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.velibstream.job.FeedOutageServer.Phase;
import org.velibstream.job.alerts.AlertState;
import org.velibstream.job.alerts.AlertType;
import org.velibstream.job.alerts.StationAlert;
import org.velibstream.job.io.AlertmanagerOutputs;
import org.velibstream.job.settings.JobConfiguration;
import org.velibstream.job.testing.LocalAlertmanager;
import org.velibstream.job.testing.MiniClusters;
import org.velibstream.job.testing.Polling;
import org.velibstream.sink.alertmanager.AlertmanagerAlert;
import org.velibstream.source.http.TestHttpServer;

/**
 * The whole job polling a GBFS system whose station_status feed goes down and comes back, posting its alerts to a real
 * Alertmanager (Debian's {@code prometheus-alertmanager}, run by {@code bin/alertmanager}) whose only receiver is a
 * webhook of this test. FEED_DOWN is seen active in Alertmanager's v2 API with its labels and notified firing; then
 * Alertmanager is stopped while the alert is open (the sink's refresh retries against nothing) and started again
 * with no alerts (they live in memory only): the refresh gives it FEED_DOWN back. The feed comes back: the alert leaves
 * Alertmanager's active ones and is notified resolved. Every alert of the job's own output (alerts.jsonl, exactly
 * once) reached Alertmanager's API, nothing else did, and each was posted within the documented bound.
 */
class AlertmanagerDeliveryITCase {

    private static final Duration PATIENCE = Duration.ofSeconds(45);
    private static final Duration REFRESH = Duration.ofSeconds(2);

    /** Every alert its own group, notified within a second, and resolved ones too: the test sees each one. */
    private static final String CONFIG = """
            route:
              receiver: test
              group_by: ['...']
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: test
                webhook_configs:
                  - url: %s
                    send_resolved: true
            """;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withTwoSlots();

    @TempDir
    Path output;

    private final ObjectMapper json = new ObjectMapper();
    private final VelibFeedWithOutages feed;
    /** The webhook Alertmanager notifies, and a second "Alertmanager" that records every POST of the sink. */
    private final TestHttpServer receiver;

    private final LocalAlertmanager alertmanager;

    AlertmanagerDeliveryITCase() throws IOException {
        feed = new VelibFeedWithOutages();
        receiver = new TestHttpServer();
        receiver.handle("/hook", exchange -> TestHttpServer.respond(exchange, 200, ""));
        receiver.handle("/recorder/api/v2/alerts", exchange -> TestHttpServer.respond(exchange, 200, ""));
        alertmanager = new LocalAlertmanager(
                Path.of("target", "it-servers", "alertmanager-delivery"), CONFIG.formatted(receiver.uri("/hook")));
    }

    @AfterEach
    void stopServers() throws Exception {
        alertmanager.close();
        feed.close();
        receiver.close();
    }

    @Test
    void feedDownIsOpenedInAlertmanagerKeptThroughItsRestartAndResolvedWithNothingLost() throws Exception {
        alertmanager.start();
        Instant started = Instant.now();
        JobClient job = startJob();
        try {
            await("statistics of the feed while it is up", () -> Files.exists(output.resolve("stats.jsonl")));
            feed.statusServer().enter(Phase.REFUSING);

            JsonNode active = Polling.await(
                    "FEED_DOWN active in Alertmanager", PATIENCE, () -> "none", () -> feedDownInAlertmanager());
            assertThat(labels(active))
                    .containsEntry("alertname", "FEED_DOWN")
                    .containsEntry("source", "velib-stream")
                    .containsEntry("system", "velib")
                    .containsEntry("station", "station_status")
                    .containsEntry("area", "FEED")
                    .containsEntry("area_kind", "unknown")
                    .containsEntry("severity", "critical");
            assertThat(active.get("annotations").get("summary").asText())
                    .isEqualTo("Feed station_status of velib is down");
            assertThat(active.get("status").get("state").asText()).isEqualTo("active");
            await("FEED_DOWN notified firing", () -> notified("firing"));

            alertmanager.stop();
            Thread.sleep(REFRESH.multipliedBy(2).toMillis()); // at least one refresh meets a stopped Alertmanager
            alertmanager.start();
            assertThat(feedDownInAlertmanager())
                    .as("a restarted Alertmanager has no alerts")
                    .isEmpty();
            Polling.await(
                    "FEED_DOWN active again after the restart, from the refresh",
                    PATIENCE,
                    () -> "none",
                    () -> feedDownInAlertmanager());

            feed.statusServer().enter(Phase.UP);
            await("FEED_DOWN resolved in the job", () -> !jobAlerts(AlertType.FEED_DOWN, AlertState.RESOLVED)
                    .isEmpty());
            await("FEED_DOWN no longer active in Alertmanager", () -> feedDownInAlertmanager()
                    .isEmpty());
            await("FEED_DOWN notified resolved", () -> notified("resolved"));
            assertThat(alertmanager.received())
                    .as("what the restarted Alertmanager received (its counters start at 0)")
                    .hasEntrySatisfying("firing", firing -> assertThat(firing).isPositive())
                    .hasEntrySatisfying(
                            "resolved", resolved -> assertThat(resolved).isPositive());
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        } finally {
            job.cancel().get();
        }
        Duration ran = Duration.between(started, Instant.now());

        // Every alert of the job's output was posted, once per opening and resolution, plus the refreshes of the
        // open ones (one per refresh interval at most); and nothing the job did not emit.
        List<StationAlert> emitted = ReplayFixture.readAlerts(output);
        Map<Map<String, String>, List<AlertmanagerAlert>> byIdentity = emitted.stream()
                .map(AlertmanagerOutputs::toAlertmanager)
                .collect(Collectors.groupingBy(AlertmanagerAlert::labels));
        Map<Map<String, String>, List<JsonNode>> posted = postedToRecorder();
        assertThat(posted.keySet()).as("posted identities").containsExactlyInAnyOrderElementsOf(byIdentity.keySet());
        long refreshesAtMost = ran.toMillis() / REFRESH.toMillis() + 1;
        byIdentity.forEach((identity, alerts) -> {
            List<JsonNode> posts = posted.get(identity);
            long resolutions = alerts.stream().filter(a -> !a.isOpen()).count();
            long openings = alerts.size() - resolutions;
            long resolvedPosts = posts.stream().filter(this::isResolution).count();
            assertThat(resolvedPosts).as("resolutions of %s", identity).isEqualTo(resolutions);
            assertThat(posts.size() - resolvedPosts)
                    .as("open posts of %s: its openings and the refreshes", identity)
                    .isBetween(openings, openings + refreshesAtMost);
        });
        System.out.printf(
                "AlertmanagerDeliveryITCase: %d alerts emitted, %d identities, %d alerts posted in %d POSTs over %s%n",
                emitted.size(),
                byIdentity.size(),
                posted.values().stream().mapToInt(List::size).sum(),
                receiver.requests("/recorder/api/v2/alerts").size(),
                ran);
    }

    private JobClient startJob() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        VelibStreamJob.build(env, JobConfiguration.fromArgs(new String[] {
            "--source", "http",
            "--gbfs", "velib=" + feed.discovery(),
            "--status-interval", "500 ms",
            "--information-interval", "1 s",
            "--http-request-timeout", "2 s",
            "--http-max-backoff", "500 ms",
            "--feed-down-after", "3 s",
            "--window", "2 s",
            "--max-out-of-orderness", "1 s",
            "--idle-timeout", "0 s",
            "--sink", "jsonl",
            "--output", output.toString(),
            "--alertmanager-url", alertmanager.url() + "," + receiver.uri("/recorder"),
            "--alertmanager-refresh", REFRESH.toSeconds() + " s",
            "--checkpoint-interval", "500 ms"
        }));
        return env.executeAsync("alerts to Alertmanager");
    }

    private java.util.Optional<JsonNode> feedDownInAlertmanager() throws Exception {
        return alertmanager.activeAlerts().stream()
                .filter(alert -> "FEED_DOWN".equals(labels(alert).get("alertname")))
                .findFirst();
    }

    /** Whether the webhook got FEED_DOWN in the status given. */
    private boolean notified(String status) throws IOException {
        for (TestHttpServer.Request request : receiver.requests("/hook")) {
            for (JsonNode alert : json.readTree(request.body()).get("alerts")) {
                if (status.equals(alert.get("status").asText())
                        && "FEED_DOWN".equals(labels(alert).get("alertname"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every alert the sink posted to the recording endpoint, by identity, in the order posted. */
    private Map<Map<String, String>, List<JsonNode>> postedToRecorder() throws IOException {
        Map<Map<String, String>, List<JsonNode>> posted = new java.util.HashMap<>();
        for (TestHttpServer.Request request : receiver.requests("/recorder/api/v2/alerts")) {
            for (JsonNode alert : json.readTree(request.body())) {
                posted.computeIfAbsent(labels(alert), identity -> new ArrayList<>())
                        .add(alert);
            }
        }
        return posted;
    }

    /**
     * Whether a post resolves its alert: it ends when its resolution was detected (or now, if that was later), while
     * a post of an open alert ends 4 refresh intervals after it was sent, after its detection.
     */
    private boolean isResolution(JsonNode post) {
        Instant endsAt = Instant.parse(post.get("endsAt").asText());
        return !endsAt.isAfter(
                Instant.parse(post.get("annotations").get("detected_at").asText()));
    }

    private List<StationAlert> jobAlerts(AlertType type, AlertState state) throws IOException {
        if (!Files.exists(output.resolve("alerts.jsonl"))) {
            return List.of();
        }
        return ReplayFixture.readAlerts(output).stream()
                .filter(alert -> alert.type() == type && alert.state() == state)
                .toList();
    }

    private Map<String, String> labels(JsonNode alert) {
        Map<String, String> labels = new TreeMap<>();
        alert.get("labels")
                .fields()
                .forEachRemaining(
                        field -> labels.put(field.getKey(), field.getValue().asText()));
        return labels;
    }

    private static void await(String what, Polling.Condition condition) {
        Polling.await(what, PATIENCE, condition);
    }
}
