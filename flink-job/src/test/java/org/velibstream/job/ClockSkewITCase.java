package org.velibstream.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.velibstream.job.KafkaPipelineITCase.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.velibstream.job.model.DeadLetter;
import org.velibstream.job.settings.JobConfiguration;
import org.velibstream.job.stats.AreaStats;
import org.velibstream.job.testing.MiniClusters;
import org.velibstream.job.testing.Polling;
import org.velibstream.job.testing.TestKafka;

/**
 * A producer with a wrong clock, on a real broker: one unkeyed record stamped 50 minutes ahead, between good ones,
 * written by a real {@link KafkaProducer} while the job reads the topic. The record is one dead letter ("clock
 * ahead: ..."), and the good records after it are still counted in their windows rather than dead-lettered as late
 * (which is what happened when that record moved the watermark 50 minutes forward).
 */
class ClockSkewITCase {

    private static final Duration PATIENCE = Duration.ofSeconds(45);

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withTwoSlots();

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String RAW_TOPIC = "clock-skew-raw-" + RUN;

    /** Windows of 10 s, a few minutes in the past: the good records are on time by the job's clock. */
    private static final Instant BASE =
            Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MINUTES);

    private static final long STATION_16107 = 213688169L;
    private static final long STATION_32017 = 2515829865L;

    @TempDir
    Path output;

    @Test
    void theGoodRecordsAfterOneFromTheFutureAreStillCounted() throws Exception {
        TestKafka.createTopic(RAW_TOPIC);
        JobClient job = startJob();
        try (KafkaProducer<String, String> producer = TestKafka.producer()) {
            send(producer, BASE.plusSeconds(1), entry(STATION_16107, "16107", 5, 3, 2, 30, -60));
            send(producer, BASE.plusSeconds(2), entry(STATION_32017, "32017", 10, 4, 6, 12, -60));
            send(producer, BASE.plusSeconds(15), entry(STATION_16107, "16107", 5, 3, 2, 30, -60));
            await("the first window, so that the job is reading the topic as it is written", () -> !stats(BASE)
                    .isEmpty());

            Instant future = Instant.now().plus(Duration.ofMinutes(50));
            send(producer, future, entry(STATION_16107, "16107", 1, 1, 0, 34, -60));
            Thread.sleep(1_000); // several watermark intervals: the future record had its chance to move it

            send(producer, BASE.plusSeconds(21), entry(STATION_16107, "16107", 7, 4, 3, 28, -60));
            send(producer, BASE.plusSeconds(22), entry(STATION_32017, "32017", 8, 4, 4, 14, -60));
            send(producer, BASE.plusSeconds(35), entry(STATION_16107, "16107", 7, 4, 3, 28, -60));
            await(
                    "the window of the good records after the future one",
                    () -> stats(BASE.plusSeconds(20)).size() == 2);

            assertThat(stats(BASE.plusSeconds(20)))
                    .as("both stations of the window after the future record, with their counts")
                    .extracting(row -> row.area() + " " + row.stations() + " " + row.bikes())
                    .containsExactlyInAnyOrder("75016 1 7", "93200 1 8");
            List<DeadLetter> deadLetters = ReplayFixture.readDeadLetters(output);
            assertThat(deadLetters)
                    .as("the future record alone, and nothing late")
                    .singleElement()
                    .satisfies(deadLetter -> {
                        assertThat(deadLetter.source()).isEqualTo("kafka " + RAW_TOPIC + "-0@3");
                        assertThat(deadLetter.reason())
                                .startsWith("clock ahead: stamped " + future.truncatedTo(ChronoUnit.MILLIS) + ", ")
                                .contains(" after it was received at ")
                                .endsWith("; --max-clock-skew is 1 min");
                        assertThat(deadLetter.payload()).contains("\"numBikesAvailable\": 1,");
                    });
        } finally {
            job.cancel().get();
        }
    }

    private JobClient startJob() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        VelibStreamJob.build(
                env,
                JobConfiguration.fromArgs(TestKafka.jobReading(RAW_TOPIC, "it-" + RUN)
                        // One source task for the one partition: no idle reader to wait for.
                        .with("--parallelism", "1")
                        .with("--window", "10 s", "--max-out-of-orderness", "1 s", "--idle-timeout", "0 s")
                        .with("--sink", "jsonl", "--output", output.toString())
                        .with("--checkpoint-interval", "500 ms")
                        .toArray()));
        return env.executeAsync("clock skew");
    }

    /** An unkeyed record, as the classic course's producer writes them, with an explicit timestamp. */
    private static void send(KafkaProducer<String, String> producer, Instant timestamp, String value) throws Exception {
        TestKafka.send(producer, RAW_TOPIC, null, timestamp, null, value);
    }

    /** The statistics rows of the window starting at {@code windowStart} written so far. */
    private List<AreaStats> stats(Instant windowStart) throws IOException {
        return Files.exists(output.resolve("stats.jsonl"))
                ? ReplayFixture.readStats(output).stream()
                        .filter(row -> row.windowStart().equals(windowStart))
                        .toList()
                : List.of();
    }

    private static void await(String what, Polling.Condition condition) {
        Polling.await(what, PATIENCE, condition);
    }
}
