package org.velibstream.job.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.velibstream.job.alerts.AlertState;
import org.velibstream.job.alerts.AlertType;
import org.velibstream.job.alerts.StationAlert;
import org.velibstream.job.stack.FaultInput.Station;
import org.velibstream.job.stats.AreaStats;
import org.velibstream.job.testing.Polling;
import org.velibstream.job.testing.StationTables;

/**
 * Exactly once under failures, on the local stack as an operator runs it ({@code bin/stack start}: a real Kafka
 * broker, Cassandra node and Flink session cluster on 127.0.0.1; the job jar submitted with {@code bin/flink run}).
 *
 * <p>Every scenario feeds the same {@link FaultInput} to its own raw topic and writes to its own topics, keyspace
 * and transactional ids, so one stack serves them all. The expected output is the output of a run without a fault
 * on the same stack; after a fault the statistics and alert topics, read with {@code read_committed}, and the
 * Cassandra tables must hold exactly those rows: none missing, none twice.
 *
 * <p>A fault hits mid-stream: the first half of the input is in, the job has committed output and holds state and
 * open transactions, and the second half is still being produced (paced, while the fault lasts) when it strikes.
 *
 * <p>Ports: 28400 and the six after it (Kafka, its controller, Cassandra native, storage and JMX, Flink REST and
 * RPC); {@code mvn verify -Dit.faults.port.base=N} moves them (the system property {@code velib.it.faults.port-base}).
 */
class FaultToleranceITCase {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path REPOSITORY = MODULE.getParent();
    private static final Path JAR = MODULE.resolve("target/velib-stream-job.jar");
    private static final Path WORK = MODULE.resolve("target/fault-stack");
    private static final Path SAVEPOINTS = WORK.resolve("savepoints");

    private static final int PORT_BASE = Integer.getInteger("velib.it.faults.port-base", 28400);
    private static final int KAFKA_PORT = PORT_BASE;
    private static final int CASSANDRA_PORT = PORT_BASE + 2;
    private static final int FLINK_REST_PORT = PORT_BASE + 5;
    private static final String BOOTSTRAP = "127.0.0.1:" + KAFKA_PORT;

    private static final Duration KAFKA_OUTAGE = Duration.ofSeconds(30);
    private static final Duration CASSANDRA_OUTAGE = Duration.ofSeconds(60);
    /** The second half of the input takes about 20 s to produce: long enough for a fault to hit it mid-way. */
    private static final Duration PACE = Duration.ofMillis(200);

    private static final Duration OUTPUT_TIMEOUT = Duration.ofMinutes(5);

    private static LocalStack stack;
    private static Thread stopOnExit;
    private static CqlSession session;
    /** The output of the input without a fault. */
    private static JobOutput expected;

    private ExecutorService producerThread;
    private Scenario scenario;
    private String jobId;

    @BeforeAll
    static void startStackAndRunWithoutFault() throws Exception {
        assertThat(JAR).as("the job jar, built by the package phase").isRegularFile();
        Files.createDirectories(WORK);
        Files.deleteIfExists(WORK.resolve("commands.log"));
        StackPorts ports = new StackPorts(
                KAFKA_PORT,
                PORT_BASE + 1,
                CASSANDRA_PORT,
                PORT_BASE + 3,
                PORT_BASE + 4,
                FLINK_REST_PORT,
                PORT_BASE + 6);
        stack = new LocalStack(REPOSITORY, ports.environment(WORK), WORK.resolve("commands.log"));
        stack.runQuietly("stack", "stop");
        stack.deleteServerData();
        stopOnExit = new Thread(() -> stack.runQuietly("stack", "stop"), "fault-stack-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        stack.run(Duration.ofMinutes(5), "stack", "start");
        session = CqlSession.builder()
                .addContactPoint(new InetSocketAddress("127.0.0.1", CASSANDRA_PORT))
                .withLocalDatacenter("datacenter1")
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
                        // Back within seconds of the node's restart, not after the default backoff of up to 60 s.
                        .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(2))
                        .build())
                .build();

        try (Scenario reference = new Scenario("reference")) {
            createTopics(reference);
            produce(FaultInput.records(reference.rawTopic()), Duration.ZERO);
            String referenceJob = stack.submitJob(reference.jobArgs());
            try {
                expected = awaitCompleteRun(reference, referenceJob);
            } finally {
                stack.runQuietly("flink", "cancel", referenceJob);
            }
        }
        System.out.println("FaultToleranceITCase: the run without a fault wrote " + expected.summary());
    }

    @AfterAll
    static void stopStack() {
        if (session != null) {
            session.close();
        }
        if (stopOnExit != null) {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
            stack.runQuietly("stack", "stop");
        }
    }

    @AfterEach
    void cancelJob() {
        if (producerThread != null) {
            producerThread.shutdownNow();
        }
        if (jobId != null) {
            stack.runQuietly("flink", "cancel", jobId);
        }
        if (scenario != null) {
            scenario.close();
        }
    }

    @Test
    void runWithoutFaultShowsTheScriptedAlertsAndEveryWindow() {
        assertThat(expected.stats()).extracting(AreaStats::windowEnd).contains(FaultInput.LAST_WINDOW_END);
        assertThat(expected.stats())
                .as("20 one-minute windows of 4 postal codes")
                .hasSize(80);
        assertThat(keys(expected.alerts()))
                .contains(
                        alert(FaultInput.EMPTY_THEN_REFILLED, AlertType.EMPTY, AlertState.OPEN, 2, 7),
                        alert(FaultInput.EMPTY_THEN_REFILLED, AlertType.EMPTY, AlertState.RESOLVED, 2, 12),
                        alert(FaultInput.EMPTY_ACROSS_SPLIT, AlertType.EMPTY, AlertState.OPEN, 7, 12));
        assertThat(expected.alerts())
                .filteredOn(alert -> alert.type() == AlertType.SUDDEN_DROP)
                .filteredOn(alert -> alert.stationCode().equals(FaultInput.DROPS_AFTER_SPLIT.code()))
                .singleElement()
                .satisfies(
                        drop -> assertThat(drop.detectedAt()).isEqualTo(observedAt(FaultInput.DROPS_AFTER_SPLIT, 10)));
    }

    @Test
    void taskManagerKilledMidStream() throws Exception {
        scenario = new Scenario("taskmanager_killed");
        JobOutput output = runThrough(() -> {
            stack.run(Duration.ofMinutes(1), "flink-cluster", "kill-taskmanager");
            stack.run(Duration.ofMinutes(3), "flink-cluster", "start-taskmanager");
        });
        assertExactlyTheExpectedRows(output);
        assertThat(failures())
                .as("failures of the job, with its TaskManager among them")
                .isPositive();
    }

    @Test
    void kafkaBrokerStoppedFor30Seconds() throws Exception {
        scenario = new Scenario("kafka_down");
        JobOutput output = runThrough(stoppedFor(KAFKA_OUTAGE, "kafka"));
        assertExactlyTheExpectedRows(output);
        // Whether a request times out before the broker is back depends on timing: a restart is not required.
        System.out.println("FaultToleranceITCase: failures of the job during the Kafka outage: " + failures());
    }

    @Test
    void cassandraNodeStoppedFor60Seconds() throws Exception {
        scenario = new Scenario("cassandra_down");
        JobOutput output = runThrough(stoppedFor(CASSANDRA_OUTAGE, "cassandra"));
        assertExactlyTheExpectedRows(output);
        assertThat(failures())
                .as("failures of the job, its Cassandra writes among them")
                .isPositive();
    }

    /**
     * Stop with a savepoint at the middle of the input, then a new submission of the jar from the savepoint: the
     * state that spans the stop (an open alert, a run of empty observations, the recent bike counts) carries on.
     */
    @Test
    void savepointStopAndRestartKeepsAlertsAndStationState() throws Exception {
        scenario = new Scenario("savepoint");
        createTopics(scenario);
        produce(FaultInput.beforeSplit(scenario.rawTopic()), Duration.ZERO);
        jobId = stack.submitJob(scenario.jobArgs());
        AlertKey openBeforeStop = alert(FaultInput.EMPTY_THEN_REFILLED, AlertType.EMPTY, AlertState.OPEN, 2, 7);
        Polling.await(
                "the EMPTY alert of station " + FaultInput.EMPTY_THEN_REFILLED.code() + " committed before the stop",
                OUTPUT_TIMEOUT,
                () -> scenario.read().alerts().toString(),
                () -> Optional.of(scenario.read())
                        .filter(output -> keys(output.alerts()).contains(openBeforeStop)));

        Path savepoint = stack.stopWithSavepoint(jobId, SAVEPOINTS);
        jobId = null;
        JobOutput atStop = scenario.read();
        produce(FaultInput.fromSplit(scenario.rawTopic()), Duration.ZERO);
        List<String> restoreArgs = new ArrayList<>(List.of("-s", savepoint.toString()));
        restoreArgs.addAll(List.of(scenario.jobArgs()));
        jobId = stack.submitJob(restoreArgs.toArray(String[]::new));
        JobOutput output = awaitExpectedOutput();

        assertThat(keys(atStop.alerts()))
                .as("alerts committed before the stop")
                .doesNotContain(alert(FaultInput.EMPTY_THEN_REFILLED, AlertType.EMPTY, AlertState.RESOLVED, 2, 12))
                .noneMatch(alert -> alert.stationCode().equals(FaultInput.EMPTY_ACROSS_SPLIT.code())
                        && alert.type() == AlertType.EMPTY)
                .noneMatch(alert -> alert.stationCode().equals(FaultInput.DROPS_AFTER_SPLIT.code()));
        assertThat(keys(output.alerts()))
                .as("alerts after the restart from the savepoint")
                .contains(
                        // the alert open at the stop resolves with its original opening time
                        alert(FaultInput.EMPTY_THEN_REFILLED, AlertType.EMPTY, AlertState.RESOLVED, 2, 12),
                        // the run of empty observations that began before the stop kept counting
                        alert(FaultInput.EMPTY_ACROSS_SPLIT, AlertType.EMPTY, AlertState.OPEN, 7, 12));
        assertThat(output.alerts())
                .as("a sudden drop measured against counts from before the stop")
                .anySatisfy(drop -> {
                    assertThat(drop.stationCode()).isEqualTo(FaultInput.DROPS_AFTER_SPLIT.code());
                    assertThat(drop.type()).isEqualTo(AlertType.SUDDEN_DROP);
                    assertThat(drop.since()).isBefore(FaultInput.SPLIT);
                    assertThat(drop.detectedAt()).isEqualTo(observedAt(FaultInput.DROPS_AFTER_SPLIT, 10));
                });
        assertExactlyTheExpectedRows(output);
    }

    // ---- the scenario

    /** What a fault does to the stack; it returns once the stack is whole again. */
    @FunctionalInterface
    private interface Fault {
        void strike() throws Exception;
    }

    /** {@code bin/<server> stop}, the outage, then {@code bin/<server> start} on the same data. */
    private static Fault stoppedFor(Duration outage, String server) {
        return () -> {
            stack.run(Duration.ofMinutes(1), server, "stop");
            Thread.sleep(outage.toMillis());
            stack.run(Duration.ofMinutes(3), server, "start");
        };
    }

    /**
     * Feeds the first half of the input, waits for committed output, starts producing the second half, strikes
     * while it is being produced, and returns the output once it holds every expected row.
     */
    private JobOutput runThrough(Fault fault) throws Exception {
        createTopics(scenario);
        producerThread = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "fault-input-producer"));
        jobId = stack.submitJob(scenario.jobArgs());
        produce(FaultInput.beforeSplit(scenario.rawTopic()), PACE);
        Polling.await(
                "the first committed statistics of " + scenario.name(), OUTPUT_TIMEOUT, () -> "none", () -> Optional.of(
                                scenario.read())
                        .filter(output -> !output.stats().isEmpty()));
        CompletableFuture<Void> secondHalf = CompletableFuture.runAsync(
                () -> {
                    try {
                        produce(FaultInput.fromSplit(scenario.rawTopic()), PACE);
                    } catch (Exception e) {
                        throw new IllegalStateException("producing the second half of the input failed", e);
                    }
                },
                producerThread);
        fault.strike();
        secondHalf.get(OUTPUT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return awaitExpectedOutput();
    }

    /** The output once it holds every expected row; after {@link #OUTPUT_TIMEOUT}, what it holds then. */
    private JobOutput awaitExpectedOutput() {
        return Polling.readUntil(OUTPUT_TIMEOUT, scenario::read, output -> output.includes(expected));
    }

    /** Waits for the last window, then for two more checkpoints, which commit whatever the same watermark released. */
    private static JobOutput awaitCompleteRun(Scenario run, String job) {
        Polling.await(
                "the window ending " + FaultInput.LAST_WINDOW_END + " in " + run.statsTopic(),
                OUTPUT_TIMEOUT,
                () -> "found " + run.read().summary() + "; logs in " + WORK,
                () -> Optional.of(run.read()).filter(output -> output.stats().stream()
                        .anyMatch(row -> row.windowEnd().equals(FaultInput.LAST_WINDOW_END))));
        long completed = completedCheckpoints(job);
        Polling.await(
                "two more completed checkpoints of " + run.name(), OUTPUT_TIMEOUT, () -> "none", () -> Optional.of(
                                completedCheckpoints(job))
                        .filter(count -> count >= completed + 2));
        return run.read();
    }

    private static void assertExactlyTheExpectedRows(JobOutput output) {
        assertThat(output.stats())
                .as("statistics, read_committed")
                .containsExactlyInAnyOrderElementsOf(expected.stats());
        assertThat(output.alerts()).as("alerts, read_committed").containsExactlyInAnyOrderElementsOf(expected.alerts());
        assertThat(output.cassandraRows())
                .as("Cassandra rows")
                .containsExactlyInAnyOrderElementsOf(expected.cassandraRows());
    }

    /**
     * One run of the input: its topics, consumer group, transactional ids and keyspace, named after it, and the
     * readers of its output.
     */
    private static final class Scenario implements AutoCloseable {

        private final String name;
        private final CommittedRecords stats;
        private final CommittedRecords alerts;

        Scenario(String name) {
            this.name = name;
            this.stats = new CommittedRecords(BOOTSTRAP, statsTopic());
            this.alerts = new CommittedRecords(BOOTSTRAP, alertsTopic());
        }

        String name() {
            return name;
        }

        String rawTopic() {
            return name + "-raw";
        }

        String statsTopic() {
            return name + "-stats";
        }

        String alertsTopic() {
            return name + "-alerts";
        }

        String deadLetterTopic() {
            return name + "-deadletter";
        }

        String keyspace() {
            return "faults_" + name.toLowerCase();
        }

        JobOutput read() {
            return JobOutput.read(stats, alerts, session, keyspace());
        }

        @Override
        public void close() {
            stats.close();
            alerts.close();
        }

        /**
         * The arguments of {@code flink run}: checkpoints every 2 s (the cluster's 10 s pause between checkpoints
         * lowered to match), parallelism 1 so that the single raw partition drives the watermark alone.
         */
        String[] jobArgs() {
            return new String[] {
                "-Dexecution.checkpointing.min-pause=1s",
                JAR.toString(),
                "--source",
                "kafka",
                // The raw topic carries no station_information: the table places the stations.
                "--stations",
                StationTables.DATA_TABLE.toString(),
                "--kafka-bootstrap",
                BOOTSTRAP,
                "--raw-topic",
                rawTopic(),
                "--kafka-group-id",
                name,
                "--sink",
                "kafka;cassandra",
                "--stats-topic",
                statsTopic(),
                "--alerts-topic",
                alertsTopic(),
                "--deadletter-topic",
                deadLetterTopic(),
                "--transactional-id-prefix",
                name,
                "--cassandra-contact-points",
                "127.0.0.1:" + CASSANDRA_PORT,
                "--cassandra-keyspace",
                keyspace(),
                "--checkpoint-interval",
                "2s",
                "--parallelism",
                "1",
                "--empty-after",
                "5 min"
            };
        }
    }

    // ---- helpers

    /** What identifies an alert in these tests; the postal code and the details are compared with the reference. */
    private record AlertKey(String stationCode, AlertType type, AlertState state, Instant since, Instant detectedAt) {

        static AlertKey of(StationAlert alert) {
            return new AlertKey(alert.stationCode(), alert.type(), alert.state(), alert.since(), alert.detectedAt());
        }
    }

    private static AlertKey alert(
            Station station, AlertType type, AlertState state, int sinceMinute, int detectedMinute) {
        return new AlertKey(
                station.code(), type, state, observedAt(station, sinceMinute), observedAt(station, detectedMinute));
    }

    private static List<AlertKey> keys(List<StationAlert> alerts) {
        return alerts.stream().map(AlertKey::of).toList();
    }

    private static Instant observedAt(Station station, int minute) {
        return FaultInput.observedAt(station, minute);
    }

    /**
     * The failures in the current job's exception history, from Flink's REST API (its metrics there are cached for
     * up to 10 s, too long to see a restart that just happened).
     */
    private int failures() {
        return LocalHttp.getJson(FLINK_REST_PORT, "/jobs/" + jobId + "/exceptions")
                .path("exceptionHistory")
                .path("entries")
                .size();
    }

    private static long completedCheckpoints(String job) {
        return LocalHttp.getJson(FLINK_REST_PORT, "/jobs/" + job + "/checkpoints")
                .path("counts")
                .path("completed")
                .asLong(0);
    }

    /**
     * Creates the scenario's topics, kept forever: their records carry 2024 timestamps (event time), which the
     * broker's default 7-day retention would delete under the job's feet, moving the log start past unread records.
     * The job creates only missing topics, so it uses these.
     */
    private static void createTopics(Scenario run) throws Exception {
        Map<String, String> keptForever = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");
        List<NewTopic> topics =
                new ArrayList<>(List.of(new NewTopic(run.rawTopic(), 1, (short) 1).configs(keptForever)));
        for (String output : List.of(run.statsTopic(), run.alertsTopic(), run.deadLetterTopic())) {
            topics.add(new NewTopic(output, 3, (short) 1).configs(keptForever));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            admin.createTopics(topics).all().get(1, TimeUnit.MINUTES);
            // A producer that starts before the partition has a leader may retry out of order (see the Kafka notes).
            Polling.await("a leader for " + run.rawTopic(), Duration.ofMinutes(1), () -> "none", () -> {
                try {
                    TopicDescription topic = admin.describeTopics(List.of(run.rawTopic()))
                            .allTopicNames()
                            .get(10, TimeUnit.SECONDS)
                            .get(run.rawTopic());
                    return Optional.of(topic)
                            .filter(found -> found.partitions().get(0).leader() != null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    return Optional.empty();
                }
            });
        }
    }

    /**
     * Sends {@code records} in order, {@code spacing} apart, checking every send. While the broker is down the
     * producer waits for it (up to its delivery timeout), as a real producer would; it never reorders or drops.
     */
    private static void produce(List<ProducerRecord<byte[], byte[]>> records, Duration spacing) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) OUTPUT_TIMEOUT.toMillis());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, OUTPUT_TIMEOUT.toMillis());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            for (ProducerRecord<byte[], byte[]> record : records) {
                producer.send(record).get(OUTPUT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                Thread.sleep(spacing.toMillis());
            }
        }
    }
}
