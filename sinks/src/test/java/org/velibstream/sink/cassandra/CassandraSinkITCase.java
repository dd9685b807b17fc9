package org.velibstream.sink.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.velibstream.sink.cassandra.TestRows.EVENTS;
import static org.velibstream.sink.cassandra.TestRows.READINGS;
import static org.velibstream.sink.cassandra.TestRows.reading;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
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
import org.velibstream.sink.cassandra.TestRows.Event;
import org.velibstream.sink.cassandra.TestRows.Reading;

/** The sink against a real Cassandra node, in Flink jobs on a MiniCluster. */
class CassandraSinkITCase {

    private static final String KEYSPACE = "sink_it";
    private static final Instant NOON = Instant.parse("2026-11-23T12:00:00Z");

    private static final CassandraTestNode NODE = CassandraTestNode.startedByMaven();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension();

    private static CqlSession session;
    private static CassandraSchema schema;

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
        List<Reading> readings = List.of(
                reading("S12", "2026-11-22", NOON.minus(Duration.ofDays(1)), 10),
                reading("S12", "2026-11-23", NOON, 20),
                new Reading("S12", "2026-11-23", NOON.plusSeconds(60), 30, null));
        List<Event> events = List.of(
                event("S12", "TOO_LOW", NOON, "OPEN"),
                event("S12", "NO_UPDATE", NOON.plusSeconds(600), "OPEN"),
                event("S13", "TOO_LOW", NOON.plusSeconds(900), "RESOLVED"));

        writeAll(readings, events);

        assertThat(readReadings("S12", "2026-11-23")).containsExactly(readings.get(2), readings.get(1));
        assertThat(readReadings("S12", "2026-11-22")).containsExactly(readings.get(0));
        assertThat(readEvents("S12")).containsExactly(events.get(1), events.get(0));
        assertThat(readEvents("S13")).containsExactly(events.get(2));
    }

    @Test
    void replayingRecordsLeavesTheSameRows() throws Exception {
        List<Reading> readings =
                List.of(reading("S14", "2026-11-23", NOON, 40), reading("S14", "2026-11-23", NOON.plusSeconds(60), 50));
        Event open = event("S14", "TOO_HIGH", NOON, "OPEN");

        writeAll(readings, List.of(open));
        writeAll(readings, List.of(open));

        assertThat(readReadings("S14", "2026-11-23")).containsExactly(readings.get(1), readings.get(0));
        assertThat(readEvents("S14")).containsExactly(open);

        Event resolved = open.resolved(open.detectedAt().plusSeconds(3600), "back to normal");
        writeAll(List.of(), List.of(open, resolved));

        assertThat(readEvents("S14"))
                .as("the resolution rewrites the event's row")
                .containsExactly(resolved);
    }

    @Test
    void theSchemaFilesExampleQueriesAnswerTheirQuestions() throws Exception {
        // The example queries ask about sensor S11 and day 2026-11-23.
        writeAll(
                List.of(
                        reading("S11", "2026-11-23", NOON, 1),
                        reading("S11", "2026-11-23", NOON.plusSeconds(60), 2),
                        reading("S11", "2026-11-23", NOON.plusSeconds(120), 3)),
                List.of(
                        event("S11", "TOO_LOW", NOON, "OPEN"),
                        event("S11", "NO_UPDATE", NOON.minusSeconds(3600), "RESOLVED")));
        List<String> queries = schema.exampleQueries();

        assertThat(queries).hasSize(3);
        List<Row> latest = session.execute(queries.get(0)).all();
        assertThat(latest).singleElement().satisfies(row -> {
            assertThat(row.getInstant("at")).isEqualTo(NOON.plusSeconds(120));
            assertThat(row.getInt("value")).isEqualTo(3);
        });
        assertThat(session.execute(queries.get(1)).all())
                .extracting(row -> row.getInt("value"))
                .containsExactly(3, 2, 1);
        assertThat(session.execute(queries.get(2)).all())
                .extracting(row -> row.getString("type"))
                .containsExactly("TOO_LOW");
    }

    @Test
    void tablesOfAnEarlierSchemaAreBroughtUpToDateAndTakeWrites() throws Exception {
        // The tables as an earlier version of the script made them: readings without its note column, events
        // without the sensor in its key (as velib-stream's tables were before system_id was in theirs).
        String keyspace = "sink_it_upgrade";
        // Dropped first: a node that kept its data from an earlier run still has the upgraded tables.
        schemaChange("DROP KEYSPACE IF EXISTS " + keyspace);
        schemaChange("CREATE KEYSPACE " + keyspace
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        schemaChange("CREATE TABLE " + keyspace + ".readings (sensor text, day text, at timestamp, value int,"
                + " PRIMARY KEY ((sensor, day), at)) WITH CLUSTERING ORDER BY (at DESC)");
        schemaChange("CREATE TABLE " + keyspace + ".events (type text, since timestamp, state text,"
                + " PRIMARY KEY ((type), since))");

        NODE.createSchema(keyspace);

        Map<String, String> readings = columnKinds(keyspace, "readings");
        assertThat(readings).as("readings after the upgrade").containsEntry("note", "regular");
        Map<String, String> events = columnKinds(keyspace, "events");
        assertThat(events)
                .as("events after the upgrade: the missing key column is a regular one, the rest added")
                .containsEntry("sensor", "regular")
                .containsKeys("detected_at", "details")
                .containsEntry("type", "partition_key");
        Reading reading = reading("S11", "2026-11-23", NOON, 7);
        Event event = new Event("S11", "EMPTY", NOON, "OPEN", NOON, "no bikes");
        session.execute(session.prepare(READINGS.cql().replace("INSERT INTO ", "INSERT INTO " + keyspace + "."))
                .bind(READINGS.bindValues(reading)));
        session.execute(session.prepare(EVENTS.cql().replace("INSERT INTO ", "INSERT INTO " + keyspace + "."))
                .bind(EVENTS.bindValues(event)));
        assertThat(session.execute("SELECT note FROM " + keyspace + ".readings")
                        .one()
                        .getString("note"))
                .isEqualTo("reading 7");
        assertThat(session.execute("SELECT sensor, details FROM " + keyspace + ".events")
                        .one()
                        .getString("sensor"))
                .isEqualTo("S11");
    }

    /** Schema changes wait for every node's agreement: the driver's 2 s request timeout is too short on a busy node. */
    private static void schemaChange(String cql) {
        session.execute(SimpleStatement.newInstance(cql).setTimeout(Duration.ofSeconds(30)));
    }

    private static Map<String, String> columnKinds(String keyspace, String table) {
        Map<String, String> kinds = new HashMap<>();
        session.execute(
                        "SELECT column_name, kind FROM system_schema.columns"
                                + " WHERE keyspace_name = ? AND table_name = ?",
                        keyspace,
                        table)
                .forEach(row -> kinds.put(row.getString("column_name"), row.getString("kind")));
        return kinds;
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
        try (CassandraSinkWriter<Reading> writer = new CassandraSinkWriter<>(
                NODE.connection(KEYSPACE), writeOptions, READINGS, metricGroup, "flush-test")) {
            for (int i = 0; i < records; i++) {
                writer.write(reading("FLUSH", "2026-11-23", NOON.plusSeconds(i), i), null);
                maxInFlightSeen = Math.max(maxInFlightSeen, writer.inFlight());
            }
            writer.flush(false);

            assertThat(countReadings("FLUSH", "2026-11-23"))
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
        try (CassandraSinkWriter<Reading> writer = new CassandraSinkWriter<>(
                NODE.connection(KEYSPACE),
                writeOptions,
                READINGS,
                new ListenedSinkWriterMetricGroup(metrics),
                "retry-test")) {
            writer.write(reading("RETRY", "2026-11-23", NOON, 1), null);

            assertThatThrownBy(() -> writer.flush(false))
                    .isExactlyInstanceOf(CassandraSinkException.class)
                    .hasMessageContaining("failed after 3 attempt(s)")
                    .hasMessageContaining("UnavailableException")
                    .hasMessageContaining("restarts it from the last checkpoint");
            assertThatThrownBy(() -> writer.write(reading("RETRY", "2026-11-23", NOON.plusSeconds(1), 2), null))
                    .as("the failure stays until the task restarts")
                    .isExactlyInstanceOf(CassandraSinkException.class);
        }
        assertThat(metrics.getCounter("cassandra", "retries"))
                .hasValueSatisfying(retries -> assertThat(retries.getCount()).isEqualTo(2));
        assertThat(metrics.getCounter("cassandra", "failures"))
                .hasValueSatisfying(failures -> assertThat(failures.getCount()).isEqualTo(1));
        assertThat(countReadings("RETRY", "2026-11-23")).isZero();
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
                .sinkTo(NODE.<Reading>sinkBuilder(KEYSPACE)
                        .setStatementMapper(READINGS)
                        .build())
                .name("cassandra");

        env.execute("checkpoint-completes-after-writes");

        assertThat(CheckpointProbe.VIOLATIONS)
                .as("checkpoints completed before their records were stored")
                .isEmpty();
        assertThat(CheckpointProbe.VERIFIED.get())
                .as("checkpoints verified mid-stream")
                .isGreaterThanOrEqualTo(3);
        assertThat(countReadings(CheckpointProbe.SENSOR, "2026-11-23")).isEqualTo(1500);
    }

    @Test
    void aMissingKeyspaceOrTableFailsTheJobAtOnceSayingWhatToFix() throws Exception {
        assertThat(permanentFailureOf(NODE.<Reading>sinkBuilder("no_such_keyspace")
                        .setStatementMapper(READINGS)
                        .build()))
                .hasMessageContaining("no_such_keyspace")
                .hasMessageContaining("Create the keyspace");
        assertThat(permanentFailureOf(NODE.<Reading>sinkBuilder(KEYSPACE)
                        .setStatementMapper(
                                CassandraStatementMapper.of("INSERT INTO no_such_table (sensor) VALUES (?)", reading ->
                                        new Object[] {reading.sensor()}))
                        .build()))
                .hasMessageContaining("no_such_table")
                .hasMessageContaining("Create the table");
        assertThat(permanentFailureOf(NODE.<Reading>sinkBuilder(KEYSPACE)
                        .setStatementMapper(CassandraStatementMapper.of(
                                "INSERT INTO readings (sensor, day, at) VALUES (?, ?, ?)",
                                reading -> new Object[] {reading.sensor(), reading.day(), reading.value()}))
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
    private static Throwable permanentFailureOf(CassandraSink<Reading> sink) throws Exception {
        StreamExecutionEnvironment env = TestJobs.restartingEnvironment(Duration.ofSeconds(1));
        env.fromData(reading("PERM", "2026-11-23", NOON, 1)).sinkTo(sink);
        JobClient job = env.executeAsync("permanent-failure");
        Throwable failure = catchThrowable(() -> job.getJobExecutionResult().get(1, TimeUnit.MINUTES));
        if (!job.getJobStatus().get().isGloballyTerminalState()) {
            job.cancel().get();
        }
        assertThat(failure).as("the job must fail").isNotNull();
        return ExceptionUtils.findThrowable(failure, PermanentCassandraSinkException.class)
                .orElseThrow(() -> new AssertionError("no PermanentCassandraSinkException in", failure));
    }

    private static void writeAll(List<Reading> readings, List<Event> events) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        if (!readings.isEmpty()) {
            env.fromData(readings)
                    .sinkTo(NODE.<Reading>sinkBuilder(KEYSPACE)
                            .setStatementMapper(READINGS)
                            .build())
                    .name("readings");
        }
        if (!events.isEmpty()) {
            DataStream<Event> eventStream = env.fromData(events);
            eventStream
                    .sinkTo(NODE.<Event>sinkBuilder(KEYSPACE)
                            .setStatementMapper(EVENTS)
                            .build())
                    .name("events");
        }
        env.execute("write-all");
    }

    private static Event event(String sensor, String type, Instant since, String state) {
        return new Event(sensor, type, since, state, since.plusSeconds(30), type + " at " + sensor);
    }

    private static List<Reading> readReadings(String sensor, String day) {
        List<Reading> rows = new ArrayList<>();
        for (Row row :
                session.execute("SELECT * FROM " + KEYSPACE + ".readings WHERE sensor = ? AND day = ?", sensor, day)) {
            rows.add(new Reading(
                    row.getString("sensor"),
                    row.getString("day"),
                    row.getInstant("at"),
                    row.getInt("value"),
                    row.getString("note")));
        }
        return rows;
    }

    static long countReadings(String sensor, String day) {
        return countReadings(session, KEYSPACE, sensor, day);
    }

    static long countReadings(CqlSession session, String keyspace, String sensor, String day) {
        Row row = session.execute(
                        "SELECT COUNT(*) FROM " + keyspace + ".readings WHERE sensor = ? AND day = ?", sensor, day)
                .one();
        return row == null ? 0 : row.getLong(0);
    }

    /** A sensor's events, by type then newest first. */
    private static List<Event> readEvents(String sensor) {
        return session.execute("SELECT * FROM " + KEYSPACE + ".events WHERE sensor = ?", sensor).all().stream()
                .map(row -> new Event(
                        row.getString("sensor"),
                        row.getString("type"),
                        row.getInstant("since"),
                        row.getString("state"),
                        row.getInstant("detected_at"),
                        row.getString("details")))
                .toList();
    }

    /**
     * Passes sequence numbers on as readings, slowly enough for many checkpoints, and checks on each completed
     * checkpoint that every row it had passed on before that checkpoint's barrier is in Cassandra.
     */
    static final class CheckpointProbe extends RichMapFunction<Long, Reading>
            implements CheckpointedFunction, CheckpointListener {

        static final String SENSOR = "CKPT";
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
        public Reading map(Long sequence) throws Exception {
            Thread.sleep(1);
            passed++;
            return reading(SENSOR, "2026-11-23", NOON.plusSeconds(sequence), sequence.intValue());
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
            long stored = countReadings(probeSession, KEYSPACE, SENSOR, "2026-11-23");
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
