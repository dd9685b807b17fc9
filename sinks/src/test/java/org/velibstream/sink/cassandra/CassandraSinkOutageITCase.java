package org.velibstream.sink.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.velibstream.sink.cassandra.TestRows.READINGS;
import static org.velibstream.sink.cassandra.TestRows.reading;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.velibstream.sink.cassandra.TestRows.Reading;

/**
 * Stops the real Cassandra node for 30 seconds in the middle of a job: the writer retries, runs out of attempts and
 * fails the job, Flink restarts it from its last checkpoint until the node is back, and in the end every record is
 * stored exactly once.
 */
class CassandraSinkOutageITCase {

    private static final String KEYSPACE = "sink_outage_it";
    private static final String SENSOR = "OUTAGE";
    private static final String DAY = "2026-11-23";
    private static final Instant NOON = Instant.parse("2026-11-23T12:00:00Z");
    private static final int RECORDS = 3000;
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    private static final CassandraTestNode NODE = CassandraTestNode.startedByMaven();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension();

    @BeforeAll
    static void createSchema() throws Exception {
        CassandraTestNode.assumeStartedByMaven();
        NODE.createSchema(KEYSPACE);
    }

    @AfterAll
    static void leaveTheNodeRunning() throws Exception {
        if (System.getProperty("velib.cassandra.port") != null) {
            NODE.start();
        }
    }

    @Test
    void theJobRecoversFromAThirtySecondOutageWithEveryRowStoredOnce() throws Exception {
        StreamExecutionEnvironment env = TestJobs.restartingEnvironment(Duration.ofSeconds(2));
        env.enableCheckpointing(500);
        Throttle.OPENS.set(0);
        env.fromSequence(1, RECORDS)
                .map(new Throttle())
                .name("throttle")
                .sinkTo(NODE.<Reading>sinkBuilder(KEYSPACE)
                        .setStatementMapper(READINGS)
                        .setRequestTimeout(Duration.ofSeconds(2))
                        .setRetry(3, Duration.ofMillis(200), Duration.ofSeconds(1))
                        .build())
                .name("cassandra");

        JobClient job = env.executeAsync("cassandra-outage");
        try {
            try (CqlSession session = NODE.openSession()) {
                waitUntil(() -> countRows(session), RECORDS / 6, Duration.ofMinutes(2));
            }
            NODE.stop();
            Thread.sleep(OUTAGE.toMillis());
            NODE.start();

            job.getJobExecutionResult().get(5, TimeUnit.MINUTES);
        } finally {
            if (!job.getJobStatus().get().isGloballyTerminalState()) {
                job.cancel().get();
            }
        }

        assertThat(Throttle.OPENS.get())
                .as("runs of the job: the first, and at least one restart")
                .isGreaterThan(1);
        try (CqlSession session = NODE.openSession()) {
            Map<Instant, Integer> valueByInstant = new HashMap<>();
            for (Row row : session.execute(
                    "SELECT at, value FROM " + KEYSPACE + ".readings WHERE sensor = ? AND day = ?", SENSOR, DAY)) {
                assertThat(valueByInstant.put(row.getInstant("at"), row.getInt("value")))
                        .as("one row per instant")
                        .isNull();
            }
            assertThat(valueByInstant).hasSize(RECORDS);
            for (int sequence = 1; sequence <= RECORDS; sequence++) {
                assertThat(valueByInstant.get(NOON.plusSeconds(sequence)))
                        .as("value of record %d", sequence)
                        .isEqualTo(sequence);
            }
        }
    }

    private static long countRows(CqlSession session) {
        return CassandraSinkITCase.countReadings(session, KEYSPACE, SENSOR, DAY);
    }

    private static void waitUntil(LongSupplier rows, long atLeast, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (rows.getAsLong() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + atLeast + " rows after " + timeout);
            }
            Thread.sleep(200);
        }
    }

    /** Turns sequence numbers into readings slowly, so the stream is still running when the node stops. */
    static final class Throttle extends RichMapFunction<Long, Reading> {

        static final AtomicInteger OPENS = new AtomicInteger();

        @Override
        public void open(OpenContext openContext) {
            OPENS.incrementAndGet();
        }

        @Override
        public Reading map(Long sequence) throws InterruptedException {
            Thread.sleep(5);
            return reading(SENSOR, DAY, NOON.plusSeconds(sequence), sequence.intValue());
        }
    }
}
