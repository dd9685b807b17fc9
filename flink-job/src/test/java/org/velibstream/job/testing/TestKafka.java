package org.velibstream.job.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
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
import org.velibstream.sink.json.JsonCodec;

/**
 * The plain (unsecured) Kafka broker the build starts for the job's integration tests, and what they do with it:
 * create a topic, produce String records at a chosen timestamp, read a topic back with {@code read_committed}, and
 * start the job's command line on it.
 */
public final class TestKafka {

    /** Set by the failsafe configuration of the module to the broker the build started. */
    public static final String BOOTSTRAP = System.getProperty("velib.it.kafka.bootstrap", "127.0.0.1:30092");

    private static final long TIMEOUT_SECONDS = 30;

    private TestKafka() {}

    public static Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", BOOTSTRAP));
    }

    /** A topic of one partition, as the tests' raw topics are unless they test partitioning. */
    public static void createTopic(String topic) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    public static Set<String> topics() throws Exception {
        try (Admin admin = admin()) {
            return admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** A producer of String keys and values that acknowledges every record on all replicas. */
    public static KafkaProducer<String, String> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        // Retries after an early NOT_LEADER_OR_FOLLOWER must not reorder or drop records (see the Kafka notes).
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config);
    }

    /**
     * Sends one record stamped {@code timestamp} and waits until the broker has it, so that the records of a test
     * are on the topic in the order it sends them.
     *
     * @param partition {@code null} lets the producer's partitioner choose
     * @param key {@code null} for an unkeyed record, as the classic course's producer writes them
     */
    public static void send(
            KafkaProducer<String, String> producer,
            String topic,
            @Nullable Integer partition,
            Instant timestamp,
            @Nullable String key,
            String value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, partition, timestamp.toEpochMilli(), key, value))
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Reads the committed records of {@code topic} until {@code expected} arrived, then a little longer to catch any
     * extra (a duplicate), and asserts that exactly {@code expected} came.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int expected) {
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

    /** {@link #readCommitted(String, int)}, each value decoded from the job's JSON into a {@code type}. */
    public static <T> List<T> readCommitted(String topic, int expected, Class<T> type) throws IOException {
        ObjectMapper json = JsonCodec.newMapper();
        List<T> values = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : readCommitted(topic, expected)) {
            values.add(json.readValue(record.value(), type));
        }
        return values;
    }

    /**
     * The job's options to read {@code rawTopic} of this broker, the stations placed by the project's table (the raw
     * topic carries no station_information); each test adds its own.
     */
    public static JobArguments jobReading(String rawTopic, String groupId) {
        return new JobArguments(List.of(
                "--source",
                "kafka",
                "--stations",
                StationTables.DATA_TABLE.toString(),
                "--kafka-bootstrap",
                BOOTSTRAP,
                "--raw-topic",
                rawTopic,
                "--kafka-group-id",
                groupId));
    }

    /** A job's command line, built by adding options to those of {@link #jobReading}. */
    public record JobArguments(List<String> options) {

        public JobArguments {
            options = List.copyOf(options);
        }

        public JobArguments with(String... more) {
            List<String> all = new ArrayList<>(options);
            all.addAll(Arrays.asList(more));
            return new JobArguments(all);
        }

        /**
         * Writes statistics, alerts and dead letters to these one-partition topics of this broker, exactly once,
         * with transactions short enough for a test.
         */
        public JobArguments writingTo(
                String statsTopic, String alertsTopic, String deadLetterTopic, String transactionalIdPrefix) {
            return with(
                    "--sink",
                    "kafka",
                    "--stats-topic",
                    statsTopic,
                    "--alerts-topic",
                    alertsTopic,
                    "--deadletter-topic",
                    deadLetterTopic,
                    "--topic-partitions",
                    "1",
                    "--transactional-id-prefix",
                    transactionalIdPrefix,
                    "--transaction-timeout",
                    "1 min");
        }

        public String[] toArray() {
            return options.toArray(String[]::new);
        }
    }
}
