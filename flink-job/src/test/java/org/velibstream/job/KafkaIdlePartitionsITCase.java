package org.velibstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.velibstream.job.settings.JobConfiguration;
import org.velibstream.job.stats.AreaStats;
import org.velibstream.job.testing.MiniClusters;
import org.velibstream.job.testing.Polling;
import org.velibstream.job.testing.TestKafka;

/**
 * A one-partition topic read by a job of parallelism 2 (issue 13: the second source reader, without a partition,
 * held the watermark back for the whole idle timeout before the first window came out). The source runs one reader
 * per partition, so the first statistics come out as soon as event time has passed the window, long before the idle
 * timeout.
 */
class KafkaIdlePartitionsITCase {

    private static final Instant T0 = Instant.parse("2024-11-19T08:00:00Z");
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withTwoSlots();

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String rawTopic = "one-partition-" + run;

    @TempDir
    Path output;

    @Test
    void twoSourceTasksOnOnePartitionDoNotWaitForTheIdleTimeout() throws Exception {
        TestKafka.createTopic(rawTopic);
        try (KafkaProducer<String, String> producer = TestKafka.producer()) {
            send(producer, 1, "16107", KafkaPipelineITCase.entry(213688169L, "16107", 5, 3, 2, 30, 1));
            send(producer, 2, "32017", KafkaPipelineITCase.entry(2515829865L, "32017", 10, 4, 6, 12, 2));
            // Event time past the first 10 s window (and its 1 s of out-of-orderness): the window may close.
            send(producer, 15, "16107", KafkaPipelineITCase.entry(213688169L, "16107", 4, 2, 2, 31, 15));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        VelibStreamJob.build(
                env,
                JobConfiguration.fromArgs(TestKafka.jobReading(rawTopic, "it-" + run)
                        .with("--parallelism", "2")
                        .with("--window", "10 s", "--max-out-of-orderness", "1 s")
                        .with("--idle-timeout", IDLE_TIMEOUT.toSeconds() + " s")
                        .with("--sink", "jsonl", "--output", output.toString())
                        .with("--checkpoint-interval", "500 ms")
                        .toArray()));

        Instant submitted = Instant.now();
        JobClient job = env.executeAsync("one partition, two source tasks");
        try {
            // Longer than the idle timeout, so that a job that waits for it shows how long it waited.
            AreaStats first = Polling.await(
                    "the first statistics row",
                    IDLE_TIMEOUT.plusSeconds(15),
                    () -> "the job is " + job.getJobStatus().join(),
                    () -> stats().stream().findFirst());
            Duration took = Duration.between(submitted, Instant.now());
            System.out.println("KafkaIdlePartitionsITCase: first statistics row " + took.toMillis()
                    + " ms after submission (idle timeout " + IDLE_TIMEOUT.toSeconds() + " s)");

            assertThat(first.windowStart()).isEqualTo(T0);
            assertThat(took)
                    .as("time to the first row, with an idle timeout of %s", IDLE_TIMEOUT)
                    .isLessThan(IDLE_TIMEOUT.dividedBy(2));
        } finally {
            job.cancel().get();
        }
    }

    private List<AreaStats> stats() throws IOException {
        return Files.exists(output.resolve("stats.jsonl")) ? ReplayFixture.readStats(output) : List.of();
    }

    private void send(KafkaProducer<String, String> producer, long secondsAfterT0, String key, String value)
            throws Exception {
        TestKafka.send(producer, rawTopic, 0, T0.plusSeconds(secondsAfterT0), key, value);
    }
}
