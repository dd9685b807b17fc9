package org.velibstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.job.model.DeadLetter;
import org.velibstream.job.settings.JobConfiguration;
import org.velibstream.job.stats.AreaStats;
import org.velibstream.job.testing.MiniClusters;
import org.velibstream.job.testing.StationTables;
import org.velibstream.sink.json.JsonCodec;

/**
 * The job reading the raw topic of a real Kafka broker (started by the build on 127.0.0.1) and writing statistics
 * and dead letters to Kafka exactly once; the output is read back with {@code read_committed}.
 */
class KafkaPipelineITCase {

    private static final String BOOTSTRAP = System.getProperty("velib.it.kafka.bootstrap", "127.0.0.1:30092");
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
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", BOOTSTRAP))) {
            admin.createTopics(List.of(new NewTopic(RAW_TOPIC, 1, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        // Retries after an early NOT_LEADER_OR_FOLLOWER must not reorder or drop records (see the Kafka notes).
        producerConfig.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
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
        VelibStreamJob.build(env, JobConfiguration.fromArgs(new String[] {
            "--source",
            "kafka",
            // The raw topic carries no station_information: the table places the stations.
            "--stations",
            StationTables.DATA_TABLE.toString(),
            "--kafka-bootstrap",
            BOOTSTRAP,
            "--raw-topic",
            RAW_TOPIC,
            "--kafka-stop-at-latest",
            "--kafka-group-id",
            "it-" + RUN,
            "--sink",
            "kafka",
            "--stats-topic",
            STATS_TOPIC,
            "--alerts-topic",
            ALERTS_TOPIC,
            "--deadletter-topic",
            DEADLETTER_TOPIC,
            "--topic-partitions",
            "1",
            "--transactional-id-prefix",
            "it-" + RUN,
            "--transaction-timeout",
            "1 min",
            "--checkpoint-interval",
            "1 s"
        }));
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
        List<ConsumerRecord<byte[], byte[]>> statsRecords = readCommitted(STATS_TOPIC, expected.size());
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

        List<ConsumerRecord<byte[], byte[]>> deadLetters = readCommitted(DEADLETTER_TOPIC, 1);
        DeadLetter deadLetter = json.readValue(deadLetters.get(0).value(), DeadLetter.class);
        assertThat(deadLetter.source()).isEqualTo("kafka " + RAW_TOPIC + "-0@3");
        assertThat(deadLetter.payload()).isEqualTo("this is not JSON");
    }

    /** Reads until {@code expected} records arrived, then a little longer to catch any extra (a duplicate). */
    private static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long settleUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settleUntil)) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                if (records.size() >= expected && settleUntil == Long.MAX_VALUE) {
                    settleUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
            }
        }
        assertThat(records).as("committed records of %s", topic).hasSize(expected);
        return records;
    }

    private static void send(KafkaProducer<String, String> producer, long secondsAfterT0, String key, String value)
            throws Exception {
        producer.send(new ProducerRecord<>(
                        RAW_TOPIC, null, T0.plusSeconds(secondsAfterT0).toEpochMilli(), key, value))
                .get(30, TimeUnit.SECONDS);
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
