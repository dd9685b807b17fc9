package org.velibstream.bench.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.velibstream.bench.BenchmarkSuite;
import org.velibstream.bench.SimulatedSystem;
import org.velibstream.job.stats.AreaStats;
import org.velibstream.sink.json.JsonCodec;

/**
 * The Kafka path of the benchmarks against a real broker (started by the build on 127.0.0.1): the job, the Kafka
 * Streams peer and the floor compute the same sums from the same records, and the suite's quick mode runs every
 * Kafka path (no speed is checked).
 */
class KafkaPathITCase {

    private static final String BOOTSTRAP = System.getProperty("velib.it.kafka.bootstrap", "127.0.0.1:30092");
    private static final int TICKS = 5;
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private static RawTopicLoad load;
    private static String rawTopic;
    private static PostalCodeIndex postalCodes;

    @TempDir
    Path work;

    @BeforeAll
    static void preloadRawTopic() throws Exception {
        load = RawTopicLoad.simulateInThePast(TICKS);
        postalCodes = new PostalCodeIndex(SimulatedSystem.stationRows());
        rawTopic = "it-raw-" + UUID.randomUUID().toString().substring(0, 8);
        try (RawTopicLoadGenerator generator = new RawTopicLoadGenerator(BOOTSTRAP)) {
            generator.createTopic(rawTopic, 2);
            generator.preload(rawTopic, load);
        }
    }

    @Test
    void theJobThePeerAndTheFloorComputeTheSameSums() throws Exception {
        Set<WindowedSums> job = jobSums();
        List<Instant> windows =
                job.stream().map(WindowedSums::windowStart).distinct().sorted().toList();
        assertThat(windows).as("one window per tick").hasSize(TICKS);

        List<RawRecord> records;
        try (TopicReader reader = new TopicReader(BOOTSTRAP, true).from(rawTopic)) {
            records = reader.readToEnd(TIMEOUT);
        }
        RecordFloor.Result floor = new RecordFloor(postalCodes, RawTopicLoad.TICK).aggregate(records);
        assertThat(floor.unreadable()).isZero();
        assertThat(new HashSet<>(floor.sums())).isEqualTo(job);

        assertThat(streamsSums()).isEqualTo(job);
    }

    @Test
    void theQuickModeRunsEveryKafkaPath() throws Exception {
        String report = new BenchmarkSuite(true).kafkaSections(BOOTSTRAP, null);

        assertThat(report)
                .contains(
                        "| " + KafkaThroughputHarness.JOB + " | 1 | ",
                        "| " + KafkaThroughputHarness.KAFKA_STREAMS + " | 1 | ",
                        "| " + KafkaThroughputHarness.FLOOR + " | 1 | ",
                        "| record → its alert | read_committed |",
                        "| window end → statistics row | read_uncommitted |");
        assertThat(report).doesNotContain("Not run");
    }

    private Set<WindowedSums> jobSums() throws Exception {
        KafkaJob job = KafkaJob.of(BOOTSTRAP, rawTopic, 2, true);
        ObjectMapper json = JsonCodec.newMapper();
        Set<WindowedSums> sums = new HashSet<>();
        JobClient client = job.start();
        try (TopicReader stats = new TopicReader(BOOTSTRAP, false).from(job.statsTopic())) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!hasAllWindows(sums) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : stats.poll(Duration.ofMillis(200))) {
                    assertThat(sums.add(WindowedSums.of(json.readValue(record.value(), AreaStats.class))))
                            .as("a row written once")
                            .isTrue();
                }
            }
        } finally {
            KafkaJob.stop(client);
        }
        assertThat(hasAllWindows(sums))
                .as("rows of every window within %s", TIMEOUT)
                .isTrue();
        return sums;
    }

    /** Every station counts in every window, so a window is complete when its rows count all the stations. */
    private static boolean hasAllWindows(Set<WindowedSums> sums) {
        return sums.stream()
                        .filter(row -> row.windowStart().equals(load.lastWindowStart()))
                        .mapToInt(WindowedSums::stations)
                        .sum()
                == load.stations();
    }

    /** The last update of each (window, postal code) in the peer's changelog output. */
    private Set<WindowedSums> streamsSums() throws Exception {
        KafkaThroughputHarness harness = new KafkaThroughputHarness(BOOTSTRAP, work, List.of());
        KafkaStreamsPeer.Settings settings = harness.streamsSettings(rawTopic, load, 1);
        KafkaStreamsPeer.Result result = new KafkaStreamsPeer(postalCodes).run(settings, load.size(), TIMEOUT);
        assertThat(result.undecodable()).isZero();
        ObjectMapper json = JsonCodec.newMapper();
        Map<String, WindowedSums> latest = new HashMap<>();
        try (TopicReader output = new TopicReader(BOOTSTRAP, true).from(settings.outputTopic())) {
            for (RawRecord record : output.readToEnd(TIMEOUT)) {
                WindowedSums sums = json.readValue(record.value(), WindowedSums.class);
                latest.put(sums.windowStart() + " " + sums.postalCode(), sums);
            }
        }
        return new HashSet<>(latest.values());
    }
}
