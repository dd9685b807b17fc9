package org.velibstream.job;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.velibstream.job.testing.TestKafka.BOOTSTRAP;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.velibstream.job.io.KafkaAccessException;
import org.velibstream.job.settings.JobConfiguration;
import org.velibstream.job.stats.AreaStats;
import org.velibstream.job.testing.MiniClusters;
import org.velibstream.job.testing.Polling;
import org.velibstream.job.testing.TestKafka;

/**
 * The job started before its raw topic exists (issue 13: it restarted on {@code UnknownTopicOrPartitionException}
 * until a producer created the topic): it creates the topic, with the configured partitions, before it is submitted,
 * and counts what a producer sends afterwards without a single restart. A topic the broker will not create stops the
 * submission with one message.
 */
class KafkaInputTopicITCase {

    private static final Instant T0 = Instant.parse("2024-11-19T08:00:00Z");

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withTwoSlots();

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String rawTopic = "input-topic-" + run;

    @TempDir
    Path output;

    @Test
    void aJobStartedBeforeItsTopicCreatesItAndCountsWhatIsProducedAfterwards() throws Exception {
        assertThat(TestKafka.topics()).doesNotContain(rawTopic);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        // Any failure fails the job: a source that restarts on a missing topic cannot pass unseen.
        env.configure(new Configuration().set(RestartStrategyOptions.RESTART_STRATEGY, "none"));
        VelibStreamJob.build(env, JobConfiguration.fromArgs(options("--topic-partitions", "2")));

        try (Admin admin = TestKafka.admin()) {
            assertThat(admin.describeTopics(List.of(rawTopic))
                            .allTopicNames()
                            .get(30, TimeUnit.SECONDS)
                            .get(rawTopic)
                            .partitions())
                    .as("the raw topic, created on the client with --topic-partitions")
                    .hasSize(2);
        }
        Instant submitted = Instant.now();
        JobClient job = env.executeAsync("input topic created");
        try {
            try (KafkaProducer<String, String> producer = TestKafka.producer()) {
                // One station per partition: each of the job's two readers has its own, and both move event time.
                send(producer, 0, 1, "16107", KafkaPipelineITCase.entry(213688169L, "16107", 5, 3, 2, 30, 1));
                send(producer, 1, 1, "32017", KafkaPipelineITCase.entry(2515829865L, "32017", 10, 4, 6, 12, 1));
                send(producer, 0, 15, "16107", KafkaPipelineITCase.entry(213688169L, "16107", 4, 2, 2, 31, 15));
                send(producer, 1, 15, "32017", KafkaPipelineITCase.entry(2515829865L, "32017", 9, 4, 5, 13, 15));
            }
            List<AreaStats> firstWindow = Polling.await(
                    "statistics of the first window from both partitions",
                    Duration.ofSeconds(60),
                    () -> "the job is " + job.getJobStatus().join(),
                    () -> {
                        List<AreaStats> rows = stats().stream()
                                .filter(row -> row.windowStart().equals(T0))
                                .toList();
                        return rows.size() >= 2 ? Optional.of(rows) : Optional.empty();
                    });
            Duration took = Duration.between(submitted, Instant.now());
            System.out.println("KafkaInputTopicITCase: first statistics " + took.toMillis() + " ms after submission");

            assertThat(firstWindow)
                    .extracting(AreaStats::area, AreaStats::bikes)
                    .containsExactlyInAnyOrder(tuple("75016", 5), tuple("93200", 10));
            assertThat(job.getJobStatus().get())
                    .as("the job never failed (its restart strategy is none)")
                    .isEqualTo(JobStatus.RUNNING);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void aTopicTheBrokerWillNotCreateStopsTheSubmissionWithOneMessage() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();

        // One broker cannot hold three replicas: the creation is refused, as a policy or a missing right would be.
        assertThatThrownBy(() -> VelibStreamJob.build(
                        env, JobConfiguration.fromArgs(options("--topic-partitions", "1", "--topic-replication", "3"))))
                .isInstanceOf(KafkaAccessException.class)
                .hasMessageStartingWith("The input topic " + rawTopic + " does not exist on Kafka at " + BOOTSTRAP)
                .hasMessageContaining("Kafka refused to create it with 1 partitions and replication 3")
                .hasMessageContaining("kafka-topics.sh --bootstrap-server " + BOOTSTRAP + " --create --topic "
                        + rawTopic + " --partitions 1 --replication-factor 3");
        assertThat(TestKafka.topics()).doesNotContain(rawTopic);
    }

    @Test
    void javaJarStopsOnceWithExitStatusOneAndTheMessage() throws Exception {
        Path jar = Path.of("target", "velib-stream-job.jar");
        assertThat(jar).as("the job jar built by mvn package").exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar",
                jar.toString()));
        command.addAll(List.of(options("--topic-replication", "3")));
        Path console = output.resolve("java-jar.log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(console.toFile())
                .start();
        boolean exited = process.waitFor(90, TimeUnit.SECONDS);
        process.destroyForcibly().waitFor();
        String printed = Files.readString(console);

        assertThat(exited)
                .as("java -jar gives up by itself, without retrying; output:%n%s", printed)
                .isTrue();
        assertThat(process.exitValue()).as("exit status; output:%n%s", printed).isEqualTo(1);
        assertThat(printed.lines().filter(line -> line.startsWith("velib-stream: The input topic " + rawTopic)))
                .as("one line says what is wrong and what fixes it; output:%n%s", printed)
                .singleElement(as(InstanceOfAssertFactories.STRING))
                .contains("Kafka refused to create it", "kafka-topics.sh --bootstrap-server " + BOOTSTRAP);
        assertThat(TestKafka.topics()).doesNotContain(rawTopic);
    }

    private String[] options(String... more) {
        return TestKafka.jobReading(rawTopic, "it-" + run)
                .with("--parallelism", "2")
                .with("--window", "10 s", "--max-out-of-orderness", "1 s")
                .with("--sink", "jsonl", "--output", output.toString())
                .with("--checkpoint-interval", "500 ms")
                .with(more)
                .toArray();
    }

    private List<AreaStats> stats() throws IOException {
        return Files.exists(output.resolve("stats.jsonl")) ? ReplayFixture.readStats(output) : List.of();
    }

    private void send(
            KafkaProducer<String, String> producer, int partition, long secondsAfterT0, String key, String value)
            throws Exception {
        TestKafka.send(producer, rawTopic, partition, T0.plusSeconds(secondsAfterT0), key, value);
    }
}
