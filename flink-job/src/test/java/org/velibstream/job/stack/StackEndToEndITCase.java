package org.velibstream.job.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.velibstream.job.io.cassandra.VelibTables;
import org.velibstream.job.stats.AreaStats;
import org.velibstream.job.stats.AreaStatsFunction;
import org.velibstream.job.testing.Polling;
import org.velibstream.sink.json.JsonCodec;

/**
 * The whole product as a user runs it: {@code bin/stack start} (a real Kafka broker, Cassandra node and Flink
 * session cluster on non-default ports), {@code bin/gbfs-replay} serving the two recorded Vélib' snapshots one after
 * the other, {@code bin/flink run} of the built job jar polling it over HTTP, then {@code bin/flink stop --drain}
 * with a savepoint. Checks what reaches the outside: the statistics topic read with {@code read_committed}, the
 * Cassandra {@code postal_code_stats} table, the web UI's REST API and the Prometheus reporter. Everything is
 * stopped by PID afterwards, also when a check fails.
 *
 * <p>The steps are ordered. The replay shows the 2022 recording for a second, then the 2024 one for good, so the job,
 * polling once it runs, sees the 2024 snapshot only. Nothing comes after it in event time, so its window closes when
 * the job is stopped with {@code --drain} (which ends event time, as an operator does before an upgrade that changes
 * the windows); the final savepoint commits the Kafka transactions.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackEndToEndITCase {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path REPOSITORY = MODULE.getParent();
    private static final Path SNAPSHOTS = REPOSITORY.resolveSibling("shared/data/gbfs_snapshots");
    private static final Path JAR = MODULE.resolve("target/velib-stream-job.jar");
    private static final Path WORK = MODULE.resolve("target/e2e-stack");
    private static final Path SAVEPOINTS = WORK.resolve("savepoints");

    private static final int KAFKA_PORT = 29092;
    private static final int CASSANDRA_PORT = 29042;
    private static final int FLINK_REST_PORT = 28081;
    private static final int PROMETHEUS_PORT = 28249;
    private static final int REPLAY_PORT = 28900;

    /** The 2024-11-19 snapshot (lastUpdatedOther 08:22:18 UTC) summed over the postal codes of its window. */
    private static final Instant SNAPSHOT_WINDOW_END = Instant.parse("2024-11-19T08:23:00Z");

    private static final int SNAPSHOT_STATIONS = 1485;
    private static final int SNAPSHOT_BIKES = 15_626;

    private static final String STATS_TOPIC = "velib-projet-final-data";
    private static final Duration RESULT_TIMEOUT = Duration.ofMinutes(2);

    private static final ObjectMapper JSON = JsonCodec.newMapper();

    private static LocalStack stack;
    private static String jobId;
    private static Thread stopOnExit;

    /** Why the tests cannot run here, or null; each test reports it as its skip reason, so no skip goes unnoticed. */
    private static String missingPrerequisite;

    @BeforeAll
    static void startStackAndSubmitJob() throws Exception {
        if (!Files.isDirectory(SNAPSHOTS)) {
            missingPrerequisite = "shared real data not available: " + SNAPSHOTS + " is absent";
        } else if (!Files.isExecutable(REPOSITORY.resolve("bin/gbfs-replay"))) {
            missingPrerequisite = "bin/gbfs-replay (the GBFS replay server) is not in this checkout";
        }
        if (missingPrerequisite != null) {
            System.err.println("StackEndToEndITCase skipped: " + missingPrerequisite);
            return;
        }
        assertThat(JAR).as("the job jar, built by the package phase").isRegularFile();

        Files.createDirectories(WORK);
        Files.deleteIfExists(WORK.resolve("e2e-commands.log"));
        Map<String, String> environment = new LinkedHashMap<>(
                new StackPorts(KAFKA_PORT, KAFKA_PORT + 1, CASSANDRA_PORT, 29700, 29199, FLINK_REST_PORT, 28123)
                        .environment(WORK));
        environment.put("FLINK_PROMETHEUS_PORTS", PROMETHEUS_PORT + "-" + (PROMETHEUS_PORT + 1));
        environment.put("GBFS_REPLAY_PORT", String.valueOf(REPLAY_PORT));
        environment.put("GBFS_REPLAY_ARGS", "--snapshots " + SNAPSHOTS + " --step 1s");
        stack = new LocalStack(REPOSITORY, environment, WORK.resolve("e2e-commands.log"));
        // A previous run's leftovers (after a kill -9) would answer the checks with old rows.
        stopEverything();
        stack.deleteServerData();
        stopOnExit = new Thread(StackEndToEndITCase::stopEverything, "e2e-stack-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);

        stack.run(Duration.ofMinutes(5), "stack", "start");
        stack.run(Duration.ofMinutes(2), "gbfs-replay", "start");
        jobId = stack.submitJob(
                JAR.toString(),
                "--source",
                "http",
                "--gbfs",
                "velib=http://127.0.0.1:" + REPLAY_PORT + "/gbfs.json",
                "--status-interval",
                "2s",
                "--sink",
                "kafka;cassandra",
                "--kafka-bootstrap",
                "127.0.0.1:" + KAFKA_PORT,
                "--cassandra-contact-points",
                "127.0.0.1:" + CASSANDRA_PORT,
                "--checkpoint-interval",
                "2s");
    }

    @BeforeEach
    void requirePrerequisites() {
        assumeTrue(missingPrerequisite == null, () -> "skipped: " + missingPrerequisite);
    }

    @AfterAll
    static void stopStack() {
        if (stopOnExit != null) {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
            stopEverything();
        }
    }

    @Test
    @Order(1)
    void restApiReportsTheJobRunning() {
        String state = await(
                "the job RUNNING in /jobs/overview", () -> LocalHttp.get(FLINK_REST_PORT, "/jobs/overview"), () -> {
                    for (JsonNode job :
                            LocalHttp.getJson(FLINK_REST_PORT, "/jobs/overview").path("jobs")) {
                        if (job.path("jid").asText().equals(jobId)
                                && job.path("state").asText().equals("RUNNING")) {
                            return Optional.of(job.path("state").asText());
                        }
                    }
                    return Optional.empty();
                });
        assertThat(state).isEqualTo("RUNNING");
    }

    @Test
    @Order(2)
    void statisticsOperatorReceivesEveryStationOfTheSnapshot() {
        long received = await(
                "every station at the statistics operator (/jobs/<id> read-records)",
                () -> LocalHttp.get(FLINK_REST_PORT, "/jobs/" + jobId),
                () -> {
                    for (JsonNode vertex :
                            LocalHttp.getJson(FLINK_REST_PORT, "/jobs/" + jobId).path("vertices")) {
                        long read = vertex.path("metrics").path("read-records").asLong();
                        if (vertex.path("name").asText().startsWith(AreaStatsFunction.NAME)
                                && read >= SNAPSHOT_STATIONS) {
                            return Optional.of(read);
                        }
                    }
                    return Optional.empty();
                });
        assertThat(received).isGreaterThanOrEqualTo(SNAPSHOT_STATIONS);
    }

    @Test
    @Order(3)
    void stopWithDrainWritesASavepoint() throws Exception {
        Path savepoint = stack.stopWithSavepoint(jobId, SAVEPOINTS, "--drain");
        assertThat(savepoint.resolve("_metadata")).isRegularFile();
        jobId = null;
    }

    @Test
    @Order(4)
    void statsTopicHoldsTheSnapshotTotalsReadCommitted() {
        Map<Instant, List<AreaStats>> windows = new TreeMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(readCommittedConsumer())) {
            List<TopicPartition> partitions = await("the topic " + STATS_TOPIC, () -> "it does not exist", () -> {
                try {
                    return Optional.of(consumer.partitionsFor(STATS_TOPIC, Duration.ofSeconds(5)).stream()
                                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                                    .toList())
                            .filter(found -> !found.isEmpty());
                } catch (TimeoutException e) {
                    return Optional.empty();
                }
            });
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<AreaStats> window = await(
                    "the window ending " + SNAPSHOT_WINDOW_END + " in " + STATS_TOPIC,
                    () -> "windows seen (end=[stations, bikes]): " + totalsByWindow(windows),
                    () -> {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                            AreaStats stats = readStats(record.value());
                            assertThat(record.key())
                                    .isEqualTo(stats.systemId() + ":" + stats.areaKind() + ":" + stats.area());
                            windows.computeIfAbsent(stats.windowEnd(), end -> new ArrayList<>())
                                    .add(stats);
                        }
                        return Optional.ofNullable(windows.get(SNAPSHOT_WINDOW_END))
                                .filter(rows -> sum(rows, AreaStats::stations) >= SNAPSHOT_STATIONS);
                    });
            assertThat(window)
                    .extracting(stats -> stats.areaKind() + ":" + stats.area())
                    .doesNotHaveDuplicates();
            assertThat(List.of(sum(window, AreaStats::stations), sum(window, AreaStats::bikes)))
                    .as("[stations, bikes] of the snapshot's window")
                    .containsExactly(SNAPSHOT_STATIONS, SNAPSHOT_BIKES);
        }
    }

    @Test
    @Order(5)
    void cassandraHoldsTheSnapshotTotals() {
        try (CqlSession session = CqlSession.builder()
                .addContactPoint(new InetSocketAddress("127.0.0.1", CASSANDRA_PORT))
                .withLocalDatacenter("datacenter1")
                .build()) {
            Map<Instant, List<Integer>> windows = new TreeMap<>();
            List<Integer> totals = await(
                    "the window ending " + SNAPSHOT_WINDOW_END + " in velib.postal_code_stats",
                    () -> "windows seen (end=[stations, bikes]): " + windows,
                    () -> {
                        windows.clear();
                        windows.putAll(cassandraTotals(session));
                        return Optional.ofNullable(windows.get(SNAPSHOT_WINDOW_END))
                                .filter(sums -> sums.get(0) >= SNAPSHOT_STATIONS);
                    });
            assertThat(totals)
                    .as("[stations, bikes] of the snapshot's window")
                    .containsExactly(SNAPSHOT_STATIONS, SNAPSHOT_BIKES);
        }
    }

    @Test
    @Order(6)
    void prometheusReporterServesTheClusterMetrics() {
        String metrics = await("metrics on the reporter's port", () -> "", () -> {
            String body = LocalHttp.get(PROMETHEUS_PORT, "/metrics");
            return body.contains("flink_jobmanager_") ? Optional.of(body) : Optional.empty();
        });
        assertThat(metrics).contains("flink_jobmanager_numRegisteredTaskManagers");
    }

    /** [stations, bikes] of every window in the table; empty while the job has not created it. */
    private static Map<Instant, List<Integer>> cassandraTotals(CqlSession session) {
        List<Row> rows;
        try {
            rows = session.execute("SELECT window_end, stations, bikes FROM velib." + VelibTables.AREA_STATS.name())
                    .all();
        } catch (InvalidQueryException e) {
            return Map.of();
        }
        Map<Instant, int[]> sums = new TreeMap<>();
        for (Row row : rows) {
            int[] window = sums.computeIfAbsent(row.getInstant("window_end"), end -> new int[2]);
            window[0] += row.getInt("stations");
            window[1] += row.getInt("bikes");
        }
        Map<Instant, List<Integer>> totals = new TreeMap<>();
        sums.forEach((end, window) -> totals.put(end, List.of(window[0], window[1])));
        return totals;
    }

    // ---- helpers

    private static void stopEverything() {
        if (jobId != null) {
            stack.runQuietly("flink", "cancel", jobId);
        }
        stack.runQuietly("gbfs-replay", "stop");
        stack.runQuietly("stack", "stop");
    }

    private static Properties readCommittedConsumer() {
        Properties properties = new Properties();
        properties.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + KAFKA_PORT);
        properties.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.setProperty(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.setProperty(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return properties;
    }

    private static AreaStats readStats(String json) {
        try {
            return JSON.readValue(json, AreaStats.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a statistics row: " + json, e);
        }
    }

    private static int sum(List<AreaStats> rows, ToIntFunction<AreaStats> field) {
        return rows.stream().mapToInt(field).sum();
    }

    private static Map<Instant, List<Integer>> totalsByWindow(Map<Instant, List<AreaStats>> windows) {
        Map<Instant, List<Integer>> totals = new TreeMap<>();
        windows.forEach(
                (end, rows) -> totals.put(end, List.of(sum(rows, AreaStats::stations), sum(rows, AreaStats::bikes))));
        return totals;
    }

    private static <T> T await(String what, Supplier<String> seen, Polling.Check<T> check) {
        return Polling.await(what, RESULT_TIMEOUT, () -> seen.get() + "\nlogs in " + WORK, check);
    }
}
