package org.velibstream.job.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.velibstream.job.VelibStreamJob;
import org.velibstream.job.settings.JobConfiguration;
import org.velibstream.replay.FeedDocument;
import org.velibstream.replay.GbfsFeeds;
import org.velibstream.replay.GbfsReplayServer;
import org.velibstream.replay.ReplayServerOptions;

/**
 * The operator's view, proven on real servers: the job runs on a MiniCluster whose metrics the local stack's
 * loopback reporter serves, a real Prometheus (Debian's {@code prometheus}) scrapes them and loads the alert rules of
 * {@code monitoring/prometheus/rules}, and the job writes to the build's Cassandra node. Then every PromQL query of
 * every dashboard panel answers with at least one series, every CQL query (Grafana's variables substituted as
 * Grafana would) returns rows, every rule evaluates without error, and the dashboards' JSON has what Grafana needs.
 */
class MonitoringITCase {

    private static final int METRICS_PORT = Integer.getInteger("velib.it.flink.metrics.port", 30249);
    private static final int PROMETHEUS_PORT = Integer.getInteger("velib.it.prometheus.port", 30090);
    private static final String CONTACT_POINT =
            System.getProperty("velib.it.cassandra.contact-point", "127.0.0.1:30042");
    private static final Path REPOSITORY =
            Path.of(System.getProperty("user.dir")).getParent().toAbsolutePath();
    private static final Path MONITORING = REPOSITORY.resolve("monitoring");
    /** The keyspace the dashboards' queries name (docker-compose's and the job's default). */
    private static final String KEYSPACE = "velib";
    /** The dashboard's time range: the morning of the replay's snapshots (the same day in UTC and in Paris). */
    private static final Instant FROM = Instant.parse("2024-11-19T07:00:00Z");

    private static final Instant TO = Instant.parse("2024-11-19T09:00:00Z");

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                    .setConfiguration(reporter())
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    /** How far apart the replay shows the snapshots, in its own time. */
    private static final Duration STEP = Duration.ofSeconds(3);

    /** Set once the job is built: discovery's reads show the first snapshot and move nothing. */
    private final AtomicBoolean jobPolls = new AtomicBoolean();

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path work;

    private static Configuration reporter() {
        Configuration configuration = new Configuration();
        // What bin/flink-cluster sets (bin/lib/flink.sh).
        configuration.setString(
                "metrics.reporter.prom.factory.class", "org.velibstream.metrics.LoopbackPrometheusReporterFactory");
        configuration.setString("metrics.reporter.prom.host", "127.0.0.1");
        configuration.setString("metrics.reporter.prom.port", String.valueOf(METRICS_PORT));
        return configuration;
    }

    @Test
    void everyDashboardQueryAnswersAndEveryRuleEvaluates() throws Exception {
        Path prometheusBinary = onPath("prometheus");
        Assumptions.assumeTrue(
                prometheusBinary != null,
                "MonitoringITCase skipped: no prometheus on the PATH (Debian: apt-get install prometheus)");
        List<Dashboard> dashboards = Dashboard.readAll(MONITORING.resolve("grafana"), json);
        assertThat(dashboards).hasSizeGreaterThanOrEqualTo(2);

        Process prometheus = startPrometheus(prometheusBinary);
        try (CqlSession session = cassandra();
                GbfsReplayServer replay = startReplay()) {
            for (String table : List.of("area_stats", "alerts_by_day", "station_alerts")) {
                if (session.getMetadata()
                        .getKeyspace(KEYSPACE)
                        .flatMap(keyspace -> keyspace.getTable(table))
                        .isPresent()) {
                    session.execute("TRUNCATE " + KEYSPACE + "." + table);
                }
            }
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            VelibStreamJob.build(env, JobConfiguration.fromArgs(new String[] {
                "--source", "http",
                "--gbfs", "velib=" + replay.discoveryUri(),
                "--status-interval", "1 s",
                "--information-interval", "1 s",
                "--sink", "cassandra;jsonl",
                "--output", work.resolve("output").toString(),
                "--cassandra-contact-points", CONTACT_POINT,
                "--cassandra-keyspace", KEYSPACE,
                "--checkpoint-interval", "1 s",
                "--parallelism", "2"
            }));
            jobPolls.set(true);
            JobClient job = env.executeAsync(VelibStreamJob.JOB_NAME);
            try {
                Instant deadline = Instant.now().plusSeconds(75);
                for (Dashboard dashboard : dashboards) {
                    for (Dashboard.Query query : dashboard.queries()) {
                        if (query.isPromQl()) {
                            String expression = query.promQl();
                            assertThat(awaitSeries(expression, deadline))
                                    .as("series of %s / %s: %s", dashboard.title(), query.panel(), expression)
                                    .isNotEmpty();
                        } else {
                            String cql = query.cql(grafanaVariables(), FROM, TO);
                            assertThat(awaitRows(session, cql, deadline))
                                    .as("rows of %s / %s: %s", dashboard.title(), query.panel(), cql)
                                    .isPositive();
                        }
                    }
                }
                assertEveryRuleEvaluates();
            } finally {
                job.cancel().get();
            }
        } finally {
            prometheus.destroy();
            if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
    }

    /** What a user picks in the stations dashboard: the areas of the replay, by postal code. */
    private static Map<String, List<String>> grafanaVariables() {
        Map<String, List<String>> variables = new LinkedHashMap<>();
        variables.put("system_id", List.of("velib"));
        variables.put("area_kind", List.of("POSTAL_CODE"));
        variables.put("area", List.of("75016", "93200"));
        return variables;
    }

    private Process startPrometheus(Path binary) throws IOException, InterruptedException {
        Path config = work.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s/prometheus/rules/*.yml
                scrape_configs:
                  - job_name: flink
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(MONITORING, METRICS_PORT));
        Path log = Path.of("target", "monitoring-it-prometheus.log").toAbsolutePath();
        Process process = new ProcessBuilder(
                        binary.toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + work.resolve("prometheus-data"),
                        "--web.listen-address=127.0.0.1:" + PROMETHEUS_PORT)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited at start: " + Files.readString(log));
            }
            try {
                if (get("/-/ready").statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("prometheus not ready in 30 s: " + Files.readString(log));
    }

    private GbfsReplayServer startReplay() throws IOException {
        Path recordings = Files.createDirectories(work.resolve("recordings"));
        Path fixture = Path.of("src/test/resources/replay").toAbsolutePath();
        // The three complete snapshots of the replay fixture (the server refuses the truncated fourth).
        for (String name : List.of("2024-11-19T0800", "2024-11-19T0801", "2024-11-19T0802")) {
            Files.copy(
                    fixture.resolve("status").resolve(name + "_station_status.json"),
                    recordings.resolve(name + "_station_status.json"));
            Files.copy(
                    fixture.resolve("station_information.json"),
                    recordings.resolve(name + "_station_information.json"));
        }
        // A fourth, two minutes after the third and equal to it, moves the watermark past the third: its windows
        // close and its sudden drop (station 32017, 10 bikes to 0) opens an alert that stays open.
        String third = Files.readString(recordings.resolve("2024-11-19T0802_station_status.json"));
        assertThat(third).contains("\"lastUpdatedOther\": 1732003350");
        Files.writeString(
                recordings.resolve("2024-11-19T0804_station_status.json"),
                third.replace("\"lastUpdatedOther\": 1732003350", "\"lastUpdatedOther\": 1732003470"));
        Files.copy(
                fixture.resolve("station_information.json"),
                recordings.resolve("2024-11-19T0804_station_information.json"));
        ReplayServerOptions options =
                ReplayServerOptions.parse("--snapshots", recordings.toString(), "--step", STEP.toSeconds() + "s");
        Instant start = Instant.now();
        return GbfsReplayServer.start(
                new InetSocketAddress("127.0.0.1", 0),
                List.of(new OneSnapshotPerStatusPoll(
                        GbfsReplayServer.feeds(options, start).get(0), start, jobPolls, new AtomicInteger())),
                Clock.systemUTC());
    }

    /**
     * The replay moved on by the job's polls, not by the clock (as in HttpPollingJobITCase): each poll of
     * station_status shows the next snapshot, so a slowly starting job on a loaded machine still sees each one.
     */
    private record OneSnapshotPerStatusPoll(
            GbfsFeeds replay, Instant start, AtomicBoolean jobPolls, AtomicInteger statusPolls) implements GbfsFeeds {

        @Override
        public Optional<FeedDocument> feed(String name, Instant now) {
            int shown = 0;
            if (jobPolls.get()) {
                shown = name.equals(STATION_STATUS)
                        ? statusPolls.getAndIncrement()
                        : Math.max(0, statusPolls.get() - 1);
            }
            return replay.feed(name, start.plus(STEP.multipliedBy(shown)));
        }
    }

    private static CqlSession cassandra() {
        int colon = CONTACT_POINT.lastIndexOf(':');
        return CqlSession.builder()
                .addContactPoint(new InetSocketAddress(
                        CONTACT_POINT.substring(0, colon), Integer.parseInt(CONTACT_POINT.substring(colon + 1))))
                .withLocalDatacenter("datacenter1")
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
                        .build())
                .build();
    }

    /** The query's result vector, waited for until it has a series or the deadline passes. */
    private List<JsonNode> awaitSeries(String expression, Instant deadline) throws Exception {
        List<JsonNode> series = List.of();
        do {
            HttpResponse<String> response =
                    get("/api/v1/query?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8));
            JsonNode body = json.readTree(response.body());
            assertThat(body.path("status").asText())
                    .as("Prometheus' answer to %s: %s", expression, response.body())
                    .isEqualTo("success");
            series = new ArrayList<>();
            body.path("data").path("result").forEach(series::add);
            if (!series.isEmpty()) {
                return series;
            }
            sleep(1_000);
        } while (Instant.now().isBefore(deadline));
        return series;
    }

    private static int awaitRows(CqlSession session, String cql, Instant deadline) {
        int rows;
        do {
            rows = session.execute(cql).all().size();
            if (rows > 0) {
                return rows;
            }
            sleep(1_000);
        } while (Instant.now().isBefore(deadline));
        return rows;
    }

    /** Every rule file is loaded, and each rule has been evaluated without error. */
    private void assertEveryRuleEvaluates() throws Exception {
        long ruleFiles;
        try (var files = Files.list(MONITORING.resolve("prometheus/rules"))) {
            ruleFiles = files.filter(file -> file.toString().endsWith(".yml")).count();
        }
        JsonNode groups =
                json.readTree(get("/api/v1/rules").body()).path("data").path("groups");
        assertThat(groups.size()).as("rule groups loaded by Prometheus").isGreaterThanOrEqualTo((int) ruleFiles);
        for (JsonNode group : groups) {
            for (JsonNode rule : group.path("rules")) {
                assertThat(rule.path("health").asText())
                        .as("rule %s of %s: %s", rule.path("name").asText(), group.path("file"), rule)
                        .isIn("ok", "unknown");
            }
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PROMETHEUS_PORT + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Path onPath(String command) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(folder, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
