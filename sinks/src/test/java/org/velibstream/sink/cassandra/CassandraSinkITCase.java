package org.velibstream.sink.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.velibstream.sink.cassandra.TestRows.ALERTS_BY_DAY;
import static org.velibstream.sink.cassandra.TestRows.POSTAL_CODE_STATS;
import static org.velibstream.sink.cassandra.TestRows.STATION_ALERTS;
import static org.velibstream.sink.cassandra.TestRows.SYSTEM_ID;
import static org.velibstream.sink.cassandra.TestRows.stats;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.velibstream.sink.cassandra.TestRows.Alert;
import org.velibstream.sink.cassandra.TestRows.PostalCodeStats;

/** The sink against a real Cassandra node, in Flink jobs on a MiniCluster. */
class CassandraSinkITCase {

    private static final String KEYSPACE = "velib_sink_it";
    private static final Instant NOON = Instant.parse("2026-11-23T12:00:00Z");

    private static final CassandraTestNode NODE = CassandraTestNode.startedByMaven();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension();

    private static CqlSession session;
    private static VelibSchema schema;

    @BeforeAll
    static void createSchema() throws Exception {
        CassandraTestNode.assumeStartedByMaven();
        session = NODE.openSession();
        schema = NODE.createSchema(KEYSPACE);
    }

    @AfterAll
    static void closeSession() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void everyTableRoundTripsThroughTheSink() throws Exception {
        List<PostalCodeStats> stats = List.of(
                stats("75012", "2026-11-22", NOON.minus(Duration.ofDays(1)), 10),
                stats("75012", "2026-11-23", NOON, 20),
                stats("75012", "2026-11-23", NOON.plusSeconds(60), 30));
        List<Alert> alerts = List.of(
                alert("12001", "EMPTY_TOO_LONG", NOON, "OPEN"),
                alert("12001", "NO_UPDATE", NOON.plusSeconds(600), "OPEN"),
                alert("12002", "EMPTY_TOO_LONG", NOON.plusSeconds(900), "RESOLVED"));

        writeAll(stats, alerts);

        assertThat(readStats("75012", "2026-11-23")).containsExactly(stats.get(2), stats.get(1));
        assertThat(readStats("75012", "2026-11-22")).containsExactly(stats.get(0));
        assertThat(readStationAlerts("12001")).containsExactly(alerts.get(0), alerts.get(1));
        assertThat(readStationAlerts("12002")).containsExactly(alerts.get(2));
        assertThat(readAlertsByDay("2026-11-23"))
                .filteredOn(alert -> alert.stationCode().startsWith("120"))
                .containsExactly(alerts.get(2), alerts.get(1), alerts.get(0));
    }

    @Test
    void replayingRecordsLeavesTheSameRows() throws Exception {
        List<PostalCodeStats> stats =
                List.of(stats("75013", "2026-11-23", NOON, 40), stats("75013", "2026-11-23", NOON.plusSeconds(60), 50));
        Alert open = alert("13001", "FULL_TOO_LONG", NOON, "OPEN");

        writeAll(stats, List.of(open));
        writeAll(stats, List.of(open));

        assertThat(readStats("75013", "2026-11-23")).containsExactly(stats.get(1), stats.get(0));
        assertThat(readStationAlerts("13001")).containsExactly(open);

        Alert resolved = new Alert(
                open.stationCode(),
                open.type(),
                open.since(),
                open.day(),
                open.postalCode(),
                "RESOLVED",
                open.detectedAt().plusSeconds(3600),
                "bikes are back");
        writeAll(List.of(), List.of(open, resolved));

        assertThat(readStationAlerts("13001"))
                .as("the resolution rewrites the alert's row")
                .containsExactly(resolved);
        assertThat(readAlertsByDay("2026-11-23"))
                .filteredOn(alert -> alert.stationCode().equals("13001"))
                .containsExactly(resolved);
    }

    @Test
    void theSchemaFilesExampleQueriesAnswerTheirQuestions() throws Exception {
        // The example queries ask about postal code 75011, station 11104 and day 2026-11-23.
        writeAll(
                List.of(
                        stats("75011", "2026-11-23", NOON, 1),
                        stats("75011", "2026-11-23", NOON.plusSeconds(60), 2),
                        stats("75011", "2026-11-23", NOON.plusSeconds(120), 3)),
                List.of(
                        alert("11104", "EMPTY_TOO_LONG", NOON, "OPEN"),
                        alert("11104", "NO_UPDATE", NOON.minusSeconds(3600), "RESOLVED")));
        List<String> queries = schema.exampleQueries();

        assertThat(queries).hasSize(5);
        List<Row> latest = session.execute(queries.get(0)).all();
        assertThat(latest).singleElement().satisfies(row -> {
            assertThat(row.getInstant("window_end")).isEqualTo(NOON.plusSeconds(120));
            assertThat(row.getInt("bikes")).isEqualTo(4);
        });
        assertThat(session.execute(queries.get(1)).all())
                .extracting(row -> row.getInt("bikes"))
                .containsExactly(4, 3, 2);
        assertThat(session.execute(queries.get(2)).all())
                .extracting(row -> row.getString("station_code"))
                .contains("11104");
        List<Row> open = session.execute(queries.get(3)).all();
        assertThat(open)
                .isNotEmpty()
                .allMatch(row -> "OPEN".equals(row.getString("state")))
                .anyMatch(row -> "11104".equals(row.getString("station_code")));
        assertThat(session.execute(queries.get(4)).all())
                .extracting(row -> row.getString("type"))
                .containsExactly("EMPTY_TOO_LONG", "NO_UPDATE");
    }

    @Test
    void flushReturnsOnlyOnceEveryWriteIsStoredAndNeverExceedsTheInFlightBound() throws Exception {
        CassandraWriteOptions writeOptions = new CassandraWriteOptions(
                CassandraWriteOptions.DEFAULT_CONSISTENCY_LEVEL,
                Duration.ofSeconds(5),
                4,
                3,
                Duration.ofMillis(100),
                Duration.ofSeconds(1));
        MetricListener metrics = new MetricListener();
        ListenedSinkWriterMetricGroup metricGroup = new ListenedSinkWriterMetricGroup(metrics);
        int records = 500;
        int maxInFlightSeen = 0;
        try (CassandraSinkWriter<PostalCodeStats> writer = new CassandraSinkWriter<>(
                NODE.connection(KEYSPACE), writeOptions, POSTAL_CODE_STATS, metricGroup, "flush-test")) {
            for (int i = 0; i < records; i++) {
                writer.write(stats("FLUSH", "2026-11-23", NOON.plusSeconds(i), i), null);
                maxInFlightSeen = Math.max(maxInFlightSeen, writer.inFlight());
            }
            writer.flush(false);

            assertThat(countStats("FLUSH", "2026-11-23"))
                    .as("rows stored when flush returned")
                    .isEqualTo(records);
            assertThat(metrics.<Integer>getGauge("cassandra", "inFlight"))
                    .hasValueSatisfying(
                            inFlight -> assertThat(inFlight.getValue()).isZero());
        }
        assertThat(maxInFlightSeen).isBetween(1, 4);
        assertThat(metrics.getCounter("cassandra", "writes"))
                .hasValueSatisfying(writes -> assertThat(writes.getCount()).isEqualTo(records));
        assertThat(metrics.getCounter("cassandra", "failures"))
                .hasValueSatisfying(failures -> assertThat(failures.getCount()).isZero());
        assertThat(metrics.getHistogram("cassandra", "writeLatencyMs"))
                .hasValueSatisfying(latency -> assertThat(latency.getCount()).isEqualTo(records));
        assertThat(metricGroup.getNumRecordsSendCounter().getCount()).isEqualTo(records);
    }

    @Test
    void transientFailuresAreRetriedThenFailTheTaskForARestart() throws Exception {
        // Consistency TWO cannot be met by one node: Cassandra answers Unavailable, a transient error, every time.
        CassandraWriteOptions writeOptions = new CassandraWriteOptions(
                DefaultConsistencyLevel.TWO,
                Duration.ofSeconds(5),
                4,
                3,
                Duration.ofMillis(50),
                Duration.ofMillis(100));
        MetricListener metrics = new MetricListener();
        try (CassandraSinkWriter<PostalCodeStats> writer = new CassandraSinkWriter<>(
                NODE.connection(KEYSPACE),
                writeOptions,
                POSTAL_CODE_STATS,
                new ListenedSinkWriterMetricGroup(metrics),
                "retry-test")) {
            writer.write(stats("RETRY", "2026-11-23", NOON, 1), null);

            assertThatThrownBy(() -> writer.flush(false))
                    .isExactlyInstanceOf(CassandraSinkException.class)
                    .hasMessageContaining("failed after 3 attempt(s)")
                    .hasMessageContaining("UnavailableException")
                    .hasMessageContaining("restarts it from the last checkpoint");
            assertThatThrownBy(() -> writer.write(stats("RETRY", "2026-11-23", NOON.plusSeconds(1), 2), null))
                    .as("the failure stays until the task restarts")
                    .isExactlyInstanceOf(CassandraSinkException.class);
        }
        assertThat(metrics.getCounter("cassandra", "retries"))
                .hasValueSatisfying(retries -> assertThat(retries.getCount()).isEqualTo(2));
        assertThat(metrics.getCounter("cassandra", "failures"))
                .hasValueSatisfying(failures -> assertThat(failures.getCount()).isEqualTo(1));
        assertThat(countStats("RETRY", "2026-11-23")).isZero();
    }

    @Test
    void aCheckpointCompletesOnlyAfterItsWritesAreStored() throws Exception {
        CheckpointProbe.reset();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(100);
        env.fromSequence(1, 1500)
                .map(new CheckpointProbe())
                .name("checkpoint-probe")
                .sinkTo(NODE.<PostalCodeStats>sinkBuilder(KEYSPACE)
                        .setStatementMapper(POSTAL_CODE_STATS)
                        .build())
                .name("cassandra");

        env.execute("checkpoint-completes-after-writes");

        assertThat(CheckpointProbe.VIOLATIONS)
                .as("checkpoints completed before their records were stored")
                .isEmpty();
        assertThat(CheckpointProbe.VERIFIED.get())
                .as("checkpoints verified mid-stream")
                .isGreaterThanOrEqualTo(3);
        assertThat(countStats(CheckpointProbe.POSTAL_CODE, "2026-11-23")).isEqualTo(1500);
    }

    @Test
    void aMissingKeyspaceOrTableFailsTheJobAtOnceSayingWhatToFix() throws Exception {
        assertThat(permanentFailureOf(NODE.<PostalCodeStats>sinkBuilder("no_such_keyspace")
                        .setStatementMapper(POSTAL_CODE_STATS)
                        .build()))
                .hasMessageContaining("no_such_keyspace")
                .hasMessageContaining("Create the keyspace");
        assertThat(permanentFailureOf(NODE.<PostalCodeStats>sinkBuilder(KEYSPACE)
                        .setStatementMapper(CassandraStatementMapper.of(
                                "INSERT INTO no_such_table (postal_code) VALUES (?)",
                                stats -> new Object[] {stats.postalCode()}))
                        .build()))
                .hasMessageContaining("no_such_table")
                .hasMessageContaining("Create the table");
        assertThat(permanentFailureOf(NODE.<PostalCodeStats>sinkBuilder(KEYSPACE)
                        .setStatementMapper(CassandraStatementMapper.of(
                                "INSERT INTO postal_code_stats (system_id, postal_code, day, window_end) VALUES (?, ?, ?, ?)",
                                stats -> new Object[] {SYSTEM_ID, stats.postalCode(), stats.day(), stats.bikes()}))
                        .build()))
                .hasMessageContaining("bind values");
    }

    @Test
    void noNodeAtTheContactPointIsATransientFailureNamingIt() {
        CassandraConnectionOptions nowhere = new CassandraConnectionOptions(
                List.of("127.0.0.1:1"), CassandraTestNode.LOCAL_DATACENTER, KEYSPACE, null, null);

        assertThatThrownBy(() -> CassandraSessionFactory.open(nowhere))
                .isExactlyInstanceOf(CassandraSinkException.class)
                .hasMessageContaining("[127.0.0.1:1]")
                .hasMessageContaining("Check that Cassandra is running");
    }

    /**
     * Runs a job writing one record to {@code sink}, with a restart strategy that would retry for minutes, and
     * returns the permanent failure it must stop with at once.
     */
    private static Throwable permanentFailureOf(CassandraSink<PostalCodeStats> sink) throws Exception {
        StreamExecutionEnvironment env = TestJobs.restartingEnvironment(Duration.ofSeconds(1));
        env.fromData(stats("PERM", "2026-11-23", NOON, 1)).sinkTo(sink);
        JobClient job = env.executeAsync("permanent-failure");
        Throwable failure = catchThrowable(() -> job.getJobExecutionResult().get(1, TimeUnit.MINUTES));
        if (!job.getJobStatus().get().isGloballyTerminalState()) {
            job.cancel().get();
        }
        assertThat(failure).as("the job must fail").isNotNull();
        return ExceptionUtils.findThrowable(failure, PermanentCassandraSinkException.class)
                .orElseThrow(() -> new AssertionError("no PermanentCassandraSinkException in", failure));
    }

    private static void writeAll(List<PostalCodeStats> stats, List<Alert> alerts) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        if (!stats.isEmpty()) {
            env.fromData(stats)
                    .sinkTo(NODE.<PostalCodeStats>sinkBuilder(KEYSPACE)
                            .setStatementMapper(POSTAL_CODE_STATS)
                            .build())
                    .name("postal_code_stats");
        }
        if (!alerts.isEmpty()) {
            DataStream<Alert> alertStream = env.fromData(alerts);
            alertStream
                    .sinkTo(NODE.<Alert>sinkBuilder(KEYSPACE)
                            .setStatementMapper(STATION_ALERTS)
                            .build())
                    .name("station_alerts");
            alertStream
                    .sinkTo(NODE.<Alert>sinkBuilder(KEYSPACE)
                            .setStatementMapper(ALERTS_BY_DAY)
                            .build())
                    .name("alerts_by_day");
        }
        env.execute("write-all");
    }

    private static Alert alert(String stationCode, String type, Instant since, String state) {
        return new Alert(
                stationCode,
                type,
                since,
                "2026-11-23",
                "750" + stationCode.substring(0, 2),
                state,
                since.plusSeconds(30),
                type + " at " + stationCode);
    }

    private static List<PostalCodeStats> readStats(String postalCode, String day) {
        List<PostalCodeStats> rows = new ArrayList<>();
        for (Row row : session.execute(
                "SELECT * FROM " + KEYSPACE + ".postal_code_stats WHERE system_id = ? AND postal_code = ? AND day = ?",
                SYSTEM_ID,
                postalCode,
                day)) {
            rows.add(new PostalCodeStats(
                    row.getString("postal_code"),
                    row.getString("day"),
                    row.getInstant("window_start"),
                    row.getInstant("window_end"),
                    row.getInt("stations"),
                    row.getInt("bikes"),
                    row.getInt("mechanical"),
                    row.getInt("ebike"),
                    row.getInt("docks"),
                    row.getInt("capacity"),
                    row.getInt("empty_stations"),
                    row.getInt("full_stations"),
                    row.getInt("out_of_service_stations")));
        }
        return rows;
    }

    static long countStats(String postalCode, String day) {
        return countStats(session, KEYSPACE, postalCode, day);
    }

    static long countStats(CqlSession session, String keyspace, String postalCode, String day) {
        Row row = session.execute(
                        "SELECT COUNT(*) FROM " + keyspace + ".postal_code_stats"
                                + " WHERE system_id = ? AND postal_code = ? AND day = ?",
                        SYSTEM_ID,
                        postalCode,
                        day)
                .one();
        return row == null ? 0 : row.getLong(0);
    }

    private static List<Alert> readStationAlerts(String stationCode) {
        return readAlerts(
                session.execute(
                                "SELECT * FROM " + KEYSPACE
                                        + ".station_alerts WHERE system_id = ? AND station_code = ?",
                                SYSTEM_ID,
                                stationCode)
                        .all(),
                "2026-11-23");
    }

    private static List<Alert> readAlertsByDay(String day) {
        List<Row> rows = session.execute("SELECT * FROM " + KEYSPACE + ".alerts_by_day WHERE day = ?", day)
                .all();
        assertThat(rows).allMatch(row -> day.equals(row.getString("day")));
        return readAlerts(rows, day);
    }

    /** station_alerts has no day column: every alert of these tests begins on {@code day}. */
    private static List<Alert> readAlerts(List<Row> rows, String day) {
        return rows.stream()
                .map(row -> new Alert(
                        row.getString("station_code"),
                        row.getString("type"),
                        row.getInstant("since"),
                        day,
                        row.getString("postal_code"),
                        row.getString("state"),
                        row.getInstant("detected_at"),
                        row.getString("details")))
                .toList();
    }

    /**
     * Passes sequence numbers on as statistics rows, slowly enough for many checkpoints, and checks on each completed
     * checkpoint that every row it had passed on before that checkpoint's barrier is in Cassandra.
     */
    static final class CheckpointProbe extends RichMapFunction<Long, PostalCodeStats>
            implements CheckpointedFunction, CheckpointListener {

        static final String POSTAL_CODE = "CKPT";
        static final ConcurrentLinkedQueue<String> VIOLATIONS = new ConcurrentLinkedQueue<>();
        static final AtomicInteger VERIFIED = new AtomicInteger();

        private final Map<Long, Long> passedAtCheckpoint = new HashMap<>();
        private transient CqlSession probeSession;
        private long passed;

        static void reset() {
            VIOLATIONS.clear();
            VERIFIED.set(0);
        }

        @Override
        public void open(OpenContext openContext) throws Exception {
            probeSession = NODE.openSession();
        }

        @Override
        public PostalCodeStats map(Long sequence) throws Exception {
            Thread.sleep(1);
            passed++;
            return stats(POSTAL_CODE, "2026-11-23", NOON.plusSeconds(sequence), sequence.intValue());
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) {
            passedAtCheckpoint.put(context.getCheckpointId(), passed);
        }

        @Override
        public void initializeState(FunctionInitializationContext context) {}

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            Long expected = passedAtCheckpoint.remove(checkpointId);
            if (expected == null || expected == 0) {
                return;
            }
            long stored = countStats(probeSession, KEYSPACE, POSTAL_CODE, "2026-11-23");
            if (stored < expected) {
                VIOLATIONS.add("checkpoint " + checkpointId + ": " + expected + " rows before the barrier, " + stored
                        + " stored");
            }
            VERIFIED.incrementAndGet();
        }

        @Override
        public void close() {
            if (probeSession != null) {
                probeSession.close();
            }
        }
    }
}
