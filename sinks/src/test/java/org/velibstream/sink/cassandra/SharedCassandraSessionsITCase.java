package org.velibstream.sink.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.velibstream.sink.cassandra.TestRows.EVENTS;
import static org.velibstream.sink.cassandra.TestRows.READINGS;
import static org.velibstream.sink.cassandra.TestRows.reading;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.velibstream.sink.cassandra.TestRows.Event;
import org.velibstream.sink.cassandra.TestRows.Reading;

/**
 * Sink writers of one JVM sharing one real driver session ({@link SharedCassandraSessions}): writers of two tables get
 * the same session, one closing leaves the other writing, the last one closes it, and a session that could not open is
 * opened again by the next writer. The registry is the JVM's, so the tests compare counts before and after.
 */
class SharedCassandraSessionsITCase {

    private static final String KEYSPACE = "sink_shared_it";
    private static final Instant NOON = Instant.parse("2026-11-23T12:00:00Z");

    private static final CassandraTestNode NODE = CassandraTestNode.startedByMaven();
    private static final SharedCassandraSessions SESSIONS = SharedCassandraSessions.shared();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static CqlSession session;

    @BeforeAll
    static void createSchema() throws Exception {
        CassandraTestNode.assumeStartedByMaven();
        session = NODE.openSession();
        NODE.createSchema(KEYSPACE);
    }

    @AfterAll
    static void closeSession() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void writersOfTwoTablesShareOneSessionWhichOutlivesTheFirstAndClosesWithTheLast() throws Exception {
        long openedBefore = SESSIONS.sessionsOpened();
        CassandraSinkWriter<Reading> readings = writer(NODE.connection(KEYSPACE), READINGS, "readings");
        CassandraSinkWriter<Event> events = writer(NODE.connection(KEYSPACE), EVENTS, "events");
        CqlSession shared = readings.session();
        try {
            assertThat(events.session()).as("the second writer's session").isSameAs(shared);
            assertThat(SESSIONS.sessionsOpened() - openedBefore)
                    .as("sessions opened for two writers")
                    .isEqualTo(1);
            events.write(new Event("SHARED", "EMPTY", NOON, "OPEN", NOON, "no bikes"), null);
            readings.write(reading("SHARED", "2026-11-23", NOON, 1), null);
            readings.flush(false);

            // One writer closes with a write still unflushed, as a failing task's writer does.
            events.close();

            assertThat(shared.isClosed()).as("closed with the first writer").isFalse();
            readings.write(reading("SHARED", "2026-11-23", NOON.plusSeconds(1), 2), null);
            readings.flush(false);
            assertThat(CassandraSinkITCase.countReadings(session, KEYSPACE, "SHARED", "2026-11-23"))
                    .as("rows written by the writer left open")
                    .isEqualTo(2);
        } finally {
            events.close();
            readings.close();
        }
        assertThat(shared.isClosed()).as("closed with the last writer").isTrue();
        assertThat(readings.session()).isSameAs(shared);
    }

    @Test
    void aSessionThatCouldNotOpenIsOpenedAgainByTheNextWriter() throws Exception {
        // A keyspace that does not exist yet: the real node refuses the session, then accepts it once it exists.
        String keyspace = "sink_shared_it_" + Long.toString(System.nanoTime(), 36);
        int openBefore = SESSIONS.openSessions();

        assertThatThrownBy(() -> writer(NODE.connection(keyspace), READINGS, "too-early"))
                .isInstanceOf(CassandraSinkException.class)
                .hasMessageContaining(keyspace);
        assertThat(SESSIONS.openSessions())
                .as("sessions kept after a failed open")
                .isEqualTo(openBefore);

        NODE.createSchema(keyspace);
        try (CassandraSinkWriter<Reading> writer = writer(NODE.connection(keyspace), READINGS, "in-time")) {
            writer.write(reading("LATER", "2026-11-23", NOON, 1), null);
            writer.flush(false);
            assertThat(writer.session().isClosed()).isFalse();
        } finally {
            // Schema changes take seconds on a busy machine; the driver's default timeout is 2 s.
            session.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + keyspace)
                    .setTimeout(Duration.ofSeconds(30)));
        }
        assertThat(SESSIONS.openSessions()).isEqualTo(openBefore);
    }

    @Test
    void aJobWithTwoSinksAtParallelismTwoOpensOneSession() throws Exception {
        long openedBefore = SESSIONS.sessionsOpened();
        int openBefore = SESSIONS.openSessions();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.fromSequence(1, 200)
                .map(sequence -> reading("JOB", "2026-11-23", NOON.plusSeconds(sequence), sequence.intValue()))
                .returns(Reading.class)
                .sinkTo(NODE.<Reading>sinkBuilder(KEYSPACE)
                        .setStatementMapper(READINGS)
                        .build())
                .name("readings");
        env.fromSequence(1, 20)
                .map(sequence -> new Event("JOB", "EMPTY", NOON.plusSeconds(sequence), "OPEN", NOON, "job"))
                .returns(Event.class)
                .sinkTo(NODE.<Event>sinkBuilder(KEYSPACE)
                        .setStatementMapper(EVENTS)
                        .build())
                .name("events");

        env.execute("two sinks, parallelism 2");

        assertThat(SESSIONS.sessionsOpened() - openedBefore)
                .as("sessions opened by 4 writers (2 sinks x 2 subtasks) in one TaskManager")
                .isEqualTo(1);
        assertThat(SESSIONS.openSessions()).as("sessions open after the job").isEqualTo(openBefore);
        assertThat(CassandraSinkITCase.countReadings(session, KEYSPACE, "JOB", "2026-11-23"))
                .isEqualTo(200);
    }

    private static <T> CassandraSinkWriter<T> writer(
            CassandraConnectionOptions connection, CassandraStatementMapper<T> mapper, String name) throws Exception {
        return new CassandraSinkWriter<>(
                connection,
                CassandraWriteOptions.defaults(),
                mapper,
                new ListenedSinkWriterMetricGroup(new MetricListener()),
                name);
    }
}
