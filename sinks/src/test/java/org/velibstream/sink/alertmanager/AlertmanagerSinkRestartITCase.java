package org.velibstream.sink.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sink against a real Alertmanager (Debian's {@code prometheus-alertmanager}, run by {@code bin/alertmanager} on
 * {@code -Dit.alertmanager.port}) through a job failure: a job of 300 alert records (100 alerts opened then resolved,
 * 100 left open) fails once mid-stream and restarts from its last checkpoint. Alertmanager ends with exactly the 100
 * open alerts active (nothing lost, no resolved one firing again), and received each record once plus at most the
 * records between that checkpoint and the failure (the replay): the documented bound on duplicates.
 */
class AlertmanagerSinkRestartITCase {

    private static final int RECORDS = 300;
    private static final int FAIL_AT = 170;
    private static final Instant BASE =
            Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    private static final AtomicBoolean FAILED = new AtomicBoolean();
    private static volatile long firstAfterRestart = -1;

    private static final Path SCRIPT = Path.of("..", "bin", "alertmanager").toAbsolutePath();
    private static final Pattern RECEIVED =
            Pattern.compile("alertmanager_alerts_received_total\\{status=\"(\\w+)\",version=\"v2\"} (\\d+)");

    private final int port = Integer.getInteger("velib.it.alertmanager.port", 30193);
    private final Path work =
            Path.of("target", "it-servers", "alertmanager-sink").toAbsolutePath();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startAlertmanager() throws Exception {
        Files.createDirectories(work);
        Files.writeString(work.resolve("alertmanager.yml"), """
                route:
                  receiver: nobody
                receivers:
                  - name: nobody
                """);
        alertmanager("start");
    }

    @AfterEach
    void stopAlertmanager() throws Exception {
        alertmanager("stop");
    }

    @Test
    void aJobRestartedFromItsCheckpointLosesNothingAndRepostsOnlyWhatFollowedIt() throws Exception {
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(1);
        env.enableCheckpointing(300);
        // Source, failure and sink in one chained task: no buffer between them, so what the source's checkpoint
        // position says was read is what reached the sink.
        env.fromSequence(0, RECORDS - 1)
                .map(new SlowOnceFailing())
                .sinkTo(AlertmanagerSink.<Long>builder()
                        .setAlertmanagers("http://127.0.0.1:" + port)
                        .setAlertMapper(AlertmanagerSinkRestartITCase::toAlert)
                        // Posted soon after written, so that the records after the checkpoint were posted before
                        // the failure and are posted again by the replay.
                        .setBatching(Duration.ofMillis(50), 500)
                        .build());
        env.executeAsync("alerts through a restart").getJobExecutionResult().get(2, TimeUnit.MINUTES);

        assertThat(FAILED).as("the failure was injected").isTrue();
        Set<String> active = new TreeSet<>();
        for (JsonNode alert : new ObjectMapper().readTree(get("/api/v2/alerts"))) {
            active.add(alert.get("labels").get("id").asText());
        }
        Set<String> open = new TreeSet<>();
        for (long id = 100; id < 200; id++) {
            open.add(String.valueOf(id));
        }
        assertThat(active).as("exactly the alerts left open").isEqualTo(open);

        Map<String, Long> received = received();
        long total = received.getOrDefault("firing", 0L) + received.getOrDefault("resolved", 0L);
        long replayed = FAIL_AT - firstAfterRestart;
        assertThat(firstAfterRestart)
                .as("the restart replays from the checkpoint")
                .isBetween(0L, (long) FAIL_AT);
        assertThat(received.get("resolved")).as("each resolution at least once").isGreaterThanOrEqualTo(100);
        assertThat(total)
                .as("each record once, plus at most the %d records replayed after the checkpoint", replayed)
                .isBetween((long) RECORDS, RECORDS + replayed);
        System.out.printf(
                "AlertmanagerSinkRestartITCase: failed at record %d, replayed from %d; Alertmanager received %s%n",
                FAIL_AT, firstAfterRestart, received);
    }

    /** Record i: alert i/2 opened (even i) then resolved (odd i) for i < 200; alert i-100 opened for the rest. */
    private static AlertmanagerAlert toAlert(Long i) {
        long id = i < 200 ? i / 2 : i - 100;
        Map<String, String> labels = Map.of("alertname", "Test", "id", String.valueOf(id));
        Instant startsAt = BASE.plusSeconds(id);
        return i < 200 && i % 2 == 1
                ? AlertmanagerAlert.resolved(labels, Map.of(), startsAt, startsAt.plusSeconds(30))
                : AlertmanagerAlert.open(labels, Map.of("record", String.valueOf(i)), startsAt);
    }

    /** Passes records on at about 60 a second, failing the job once at record {@link #FAIL_AT}. */
    private static final class SlowOnceFailing implements MapFunction<Long, Long> {
        @Override
        public Long map(Long i) throws Exception {
            if (FAILED.get() && firstAfterRestart < 0) {
                firstAfterRestart = i;
            }
            if (i == FAIL_AT && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure at record " + i);
            }
            Thread.sleep(15);
            return i;
        }
    }

    private Map<String, Long> received() throws Exception {
        Matcher matcher = RECEIVED.matcher(get("/metrics"));
        Map<String, Long> received = new HashMap<>();
        while (matcher.find()) {
            received.put(matcher.group(1), Long.parseLong(matcher.group(2)));
        }
        return received;
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return response.body();
    }

    private void alertmanager(String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString(), command).redirectErrorStream(true);
        builder.environment().put("VELIB_WORK", work.toString());
        builder.environment().put("ALERTMANAGER_PORT", String.valueOf(port));
        builder.environment()
                .put("ALERTMANAGER_CONFIG", work.resolve("alertmanager.yml").toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("bin/alertmanager " + command + " failed:\n" + output);
        }
    }
}
