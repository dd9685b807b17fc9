package org.velibstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.job.alerts.AlertState;
import org.velibstream.job.alerts.AlertType;
import org.velibstream.job.alerts.StationAlert;
import org.velibstream.job.settings.JobConfiguration;
import org.velibstream.job.stats.AreaStats;
import org.velibstream.job.testing.MiniClusters;
import org.velibstream.job.testing.StationTables;
import org.velibstream.sink.json.JsonCodec;

/**
 * A real producer puts Vélib'-shaped records of three stations of postal code 75016 on a real broker, one of them
 * reporting −3 bikes and 38 docks at its 35-dock station (what a real client once sent). The statistics row holds
 * the two good stations' sums and counts the third in {@code stations} and {@code inconsistentStations} only; the
 * alerts say {@code INCONSISTENT}, and no {@code SUDDEN_DROP} although the station had 12 bikes a moment before.
 */
class ImpossibleCountsKafkaITCase {

    private static final String BOOTSTRAP = System.getProperty("velib.it.kafka.bootstrap", "127.0.0.1:30092");
    private static final Instant T0 = Instant.parse("2024-11-19T08:00:00Z");

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withTwoSlots();

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String RAW_TOPIC = "impossible-raw-" + RUN;
    private static final String STATS_TOPIC = "impossible-stats-" + RUN;
    private static final String ALERTS_TOPIC = "impossible-alerts-" + RUN;
    private static final String DEADLETTER_TOPIC = "impossible-deadletter-" + RUN;

    @Test
    void aNegativeCountIsLeftOutOfTheSumsCountedAsInconsistentAndStillAlerted() throws Exception {
        produce();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        VelibStreamJob.build(env, JobConfiguration.fromArgs(new String[] {
            "--source",
            "kafka",
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
        env.execute("impossible counts");

        ObjectMapper json = JsonCodec.newMapper();
        List<AreaStats> stats = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : readCommitted(STATS_TOPIC, 1)) {
            stats.add(json.readValue(record.value(), AreaStats.class));
        }
        // 16001 (26 docks): 5 bikes, 20 docks; 16002 (38 docks): 10 bikes, 25 docks; 16107: −3 bikes, 38 docks.
        assertThat(stats)
                .as("the good stations' sums; the station with −3 bikes counted as a station and as inconsistent")
                .containsExactly(new AreaStats(
                        "velib",
                        AreaKind.POSTAL_CODE,
                        "75016",
                        T0,
                        T0.plusSeconds(60),
                        3,
                        15,
                        7,
                        8,
                        45,
                        64,
                        0,
                        0,
                        0,
                        1));

        List<StationAlert> alerts = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : readCommitted(ALERTS_TOPIC, 1)) {
            alerts.add(json.readValue(record.value(), StationAlert.class));
        }
        assertThat(alerts)
                .as("INCONSISTENT, and no SUDDEN_DROP from 12 to −3")
                .singleElement()
                .satisfies(alert -> {
                    assertThat(alert.stationCode()).isEqualTo("16107");
                    assertThat(alert.type()).isEqualTo(AlertType.INCONSISTENT);
                    assertThat(alert.state()).isEqualTo(AlertState.OPEN);
                    assertThat(alert.details())
                            .isEqualTo("NEGATIVE_BIKES, NEGATIVE_BIKE_TYPE_COUNT, docks 38 exceed capacity 35");
                });
    }

    private static void produce() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", BOOTSTRAP))) {
            admin.createTopics(List.of(new NewTopic(RAW_TOPIC, 1, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerConfig.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
            send(producer, 5, KafkaPipelineITCase.entry(213688169L, "16107", 12, 6, 6, 23, 5));
            send(producer, 10, KafkaPipelineITCase.entry(488800137L, "16001", 5, 3, 2, 20, 10));
            send(producer, 20, KafkaPipelineITCase.entry(85015750L, "16002", 10, 4, 6, 25, 20));
            send(producer, 30, KafkaPipelineITCase.entry(213688169L, "16107", -3, -3, 0, 38, 30));
        }
    }

    private static void send(KafkaProducer<String, String> producer, long secondsAfterT0, String value)
            throws Exception {
        producer.send(new ProducerRecord<>(
                        RAW_TOPIC, null, T0.plusSeconds(secondsAfterT0).toEpochMilli(), null, value))
                .get(30, TimeUnit.SECONDS);
    }

    /** Reads until {@code expected} records arrived, then a little longer to catch any extra. */
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
}
