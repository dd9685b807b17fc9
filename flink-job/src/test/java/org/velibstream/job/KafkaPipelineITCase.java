package org.velibstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.job.model.DeadLetter;
import org.velibstream.job.settings.JobConfiguration;
import org.velibstream.job.stats.AreaStats;
import org.velibstream.job.testing.MiniClusters;
import org.velibstream.job.testing.TestKafka;
import org.velibstream.sink.json.JsonCodec;

/**
 * The job reading the raw topic of a real Kafka broker (started by the build on 127.0.0.1) and writing statistics
 * and dead letters to Kafka exactly once; the output is read back with {@code read_committed}.
 */
class KafkaPipelineITCase {

    private static final Instant T0 = Instant.parse("2024-11-19T08:00:00Z");

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withTwoSlots();

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String RAW_TOPIC = "raw-" + RUN;
    private static final String STATS_TOPIC = "stats-" + RUN;
    private static final String ALERTS_TOPIC = "alerts-" + RUN;
    private static final String DEADLETTER_TOPIC = "deadletter-" + RUN;

    @BeforeAll
    static void produceRawRecords() throws Exception {
        TestKafka.createTopic(RAW_TOPIC);
        try (KafkaProducer<String, String> producer = TestKafka.producer()) {
            send(producer, 10, "16107", entry(213688169L, "16107", 5, 3, 2, 30, 5));
            send(producer, 20, "32017", entry(2515829865L, "32017", 10, 4, 6, 12, 15));
            // The same record twice: a duplicate must not change any total.
            send(producer, 20, "16107", entry(213688169L, "16107", 5, 3, 2, 30, 5));
            send(producer, 60, "garbage", "this is not JSON");
            send(producer, 70, "16107", entry(213688169L, "16107", 4, 2, 2, 31, 65));
            // A whole station_status document: its own time, not the record's, is the observation time.
            long documentTime = T0.plusSeconds(150).getEpochSecond();
            send(
                    producer,
                    400,
                    "document",
                    "{\"lastUpdatedOther\": " + documentTime + ", \"ttl\": 60, \"data\": {\"stations\": ["
                            + entry(213688169L, "16107", 6, 3, 3, 29, 140) + "]}}");
            send(producer, 300, "32017", entry(2515829865L, "32017", 9, 4, 5, 13, 295));
        }
    }

    @Test
    void statisticsAndDeadLettersReachKafkaExactlyOnce() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        VelibStreamJob.build(
                env,
                JobConfiguration.fromArgs(TestKafka.jobReading(RAW_TOPIC, "it-" + RUN)
                        .with("--kafka-stop-at-latest")
                        .writingTo(STATS_TOPIC, ALERTS_TOPIC, DEADLETTER_TOPIC, "it-" + RUN)
                        .with("--checkpoint-interval", "1 s")
                        .toArray()));
        env.execute("kafka pipeline");

        List<AreaStats> expected = List.of(
                new AreaStats(
                        "velib", AreaKind.POSTAL_CODE, "75016", T0, T0.plusSeconds(60), 1, 5, 3, 2, 30, 35, 0, 0, 0, 0),
                new AreaStats(
                        "velib",
                        AreaKind.POSTAL_CODE,
                        "93200",
                        T0,
                        T0.plusSeconds(60),
                        1,
                        10,
                        4,
                        6,
                        12,
                        22,
                        0,
                        0,
                        0,
                        0),
                new AreaStats(
                        "velib",
                        AreaKind.POSTAL_CODE,
                        "75016",
                        T0.plusSeconds(60),
                        T0.plusSeconds(120),
                        1,
                        4,
                        2,
                        2,
                        31,
                        35,
                        0,
                        0,
                        0,
                        0),
                new AreaStats(
                        "velib",
                        AreaKind.POSTAL_CODE,
                        "75016",
                        T0.plusSeconds(120),
                        T0.plusSeconds(180),
                        1,
                        6,
                        3,
                        3,
                        29,
                        35,
                        0,
                        0,
                        0,
                        0),
                new AreaStats(
                        "velib",
                        AreaKind.POSTAL_CODE,
                        "93200",
                        T0.plusSeconds(300),
                        T0.plusSeconds(360),
                        1,
                        9,
                        4,
                        5,
                        13,
                        22,
                        0,
                        0,
                        0,
                        0));
        List<ConsumerRecord<byte[], byte[]>> statsRecords = TestKafka.readCommitted(STATS_TOPIC, expected.size());
        ObjectMapper json = JsonCodec.newMapper();
        List<AreaStats> stats = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : statsRecords) {
            AreaStats row = json.readValue(record.value(), AreaStats.class);
            assertThat(new String(record.key(), StandardCharsets.UTF_8))
                    .as("key of %s", row)
                    .isEqualTo(row.systemId() + ":" + row.areaKind() + ":" + row.area());
            stats.add(row);
        }
        assertThat(stats).containsExactlyInAnyOrderElementsOf(expected);

        DeadLetter deadLetter =
                TestKafka.readCommitted(DEADLETTER_TOPIC, 1, DeadLetter.class).get(0);
        assertThat(deadLetter.source()).isEqualTo("kafka " + RAW_TOPIC + "-0@3");
        assertThat(deadLetter.payload()).isEqualTo("this is not JSON");
    }

    private static void send(KafkaProducer<String, String> producer, long secondsAfterT0, String key, String value)
            throws Exception {
        TestKafka.send(producer, RAW_TOPIC, null, T0.plusSeconds(secondsAfterT0), key, value);
    }

    /** A station entry as Vélib' writes it (what existing Python producers put on the raw topic). */
    static String entry(
            long stationId, String code, int bikes, int mechanical, int ebike, int docks, long reportedAfterT0) {
        return "{\"station_id\": " + stationId + ", \"num_bikes_available\": " + bikes + ", \"numBikesAvailable\": "
                + bikes
                + ", \"num_bikes_available_types\": [{\"mechanical\": " + mechanical + "}, {\"ebike\": " + ebike + "}]"
                + ", \"num_docks_available\": " + docks + ", \"numDocksAvailable\": " + docks
                + ", \"is_installed\": 1, \"is_returning\": 1, \"is_renting\": 1"
                + ", \"last_reported\": " + T0.plusSeconds(reportedAfterT0).getEpochSecond()
                + ", \"stationCode\": \"" + code + "\"}";
    }
}
