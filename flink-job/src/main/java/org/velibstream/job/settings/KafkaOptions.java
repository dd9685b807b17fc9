package org.velibstream.job.settings;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Options of the job's Kafka clients (source, sinks, topic creation): servers, security, topics, offsets and
 * transactions. Passwords come from {@link Secrets} ({@code VELIB_KAFKA_SASL_PASSWORD},
 * {@code VELIB_KAFKA_TRUSTSTORE_PASSWORD}), never from options.
 */
public final class KafkaOptions {

    private KafkaOptions() {}

    public static final ConfigOption<String> KAFKA_BOOTSTRAP = ConfigOptions.key("kafka-bootstrap")
            .stringType()
            .defaultValue("localhost:9092")
            .withDescription("Kafka bootstrap servers.");

    public static final ConfigOption<String> KAFKA_PROPERTIES = ConfigOptions.key("kafka-properties")
            .stringType()
            .noDefaultValue()
            .withDescription(
                    "A Java properties file of extra Kafka client settings (compression, timeouts, or security "
                            + "the options below do not cover, such as OAUTHBEARER or client certificates).");

    public static final ConfigOption<String> KAFKA_SASL_USERNAME = ConfigOptions.key("kafka-sasl-username")
            .stringType()
            .noDefaultValue()
            .withDescription(
                    "Kafka user: the job's Kafka clients then log in over SASL_SSL, with the password read from "
                            + "VELIB_KAFKA_SASL_PASSWORD (or the file VELIB_KAFKA_SASL_PASSWORD_FILE names).");

    public static final ConfigOption<SaslMechanism> KAFKA_SASL_MECHANISM = ConfigOptions.key("kafka-sasl-mechanism")
            .enumType(SaslMechanism.class)
            .defaultValue(SaslMechanism.SCRAM_SHA_512)
            .withDescription("With --kafka-sasl-username: SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN.");

    public static final ConfigOption<String> KAFKA_TRUSTSTORE = ConfigOptions.key("kafka-truststore")
            .stringType()
            .noDefaultValue()
            .withDescription(
                    "A PKCS12 truststore with the CA of the Kafka brokers' certificates (default: the JVM's); its "
                            + "password is read from VELIB_KAFKA_TRUSTSTORE_PASSWORD (or ..._FILE). Alone, it turns on TLS without "
                            + "SASL. Broker host names are always verified.");

    public static final ConfigOption<String> RAW_TOPIC = ConfigOptions.key("raw-topic")
            .stringType()
            .defaultValue("velib-projet")
            .withDescription("Topic of raw station-status records (input, and output of --publish-raw).");

    public static final ConfigOption<String> STATS_TOPIC = ConfigOptions.key("stats-topic")
            .stringType()
            .defaultValue("velib-projet-final-data")
            .withDescription("Topic of per-area statistics, keyed by systemId:areaKind:area.");

    public static final ConfigOption<String> ALERTS_TOPIC = ConfigOptions.key("alerts-topic")
            .stringType()
            .defaultValue("velib-alerts")
            .withDescription("Topic of station alerts, keyed by systemId:stationCode.");

    public static final ConfigOption<String> DEADLETTER_TOPIC = ConfigOptions.key("deadletter-topic")
            .stringType()
            .defaultValue("velib-deadletter")
            .withDescription("Topic of rejected input and late data, with the reason and the raw payload.");

    public static final ConfigOption<Integer> TOPIC_PARTITIONS = ConfigOptions.key("topic-partitions")
            .intType()
            .defaultValue(3)
            .withDescription(
                    "Partitions of the topics the job creates when they are missing: its output topics, and the raw "
                            + "topic it reads with --source kafka|both. The raw topic's source runs at most one reader "
                            + "per partition.");

    public static final ConfigOption<Integer> TOPIC_REPLICATION = ConfigOptions.key("topic-replication")
            .intType()
            .defaultValue(1)
            .withDescription(
                    "Replication factor of the topics the job creates when they are missing (output and raw topics).");

    public static final ConfigOption<Boolean> PUBLISH_RAW = ConfigOptions.key("publish-raw")
            .booleanType()
            .defaultValue(false)
            .withDescription("Republish every polled station status to the raw topic.");

    public static final ConfigOption<String> KAFKA_GROUP_ID = ConfigOptions.key("kafka-group-id")
            .stringType()
            .defaultValue("velib-stream")
            .withDescription("Consumer group of the raw-topic source (offsets are checkpointed by Flink).");

    public static final ConfigOption<StartingOffsets> KAFKA_STARTING_OFFSETS = ConfigOptions.key(
                    "kafka-starting-offsets")
            .enumType(StartingOffsets.class)
            .defaultValue(StartingOffsets.EARLIEST)
            .withDescription("Where the raw-topic source starts without committed offsets: earliest or latest.");

    public static final ConfigOption<Boolean> KAFKA_STOP_AT_LATEST = ConfigOptions.key("kafka-stop-at-latest")
            .booleanType()
            .defaultValue(false)
            .withDescription(
                    "Read the raw topic only up to the offsets that are latest when the job starts, then finish "
                            + "(a bounded backfill).");

    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX = ConfigOptions.key("transactional-id-prefix")
            .stringType()
            .defaultValue("velib-stream")
            .withDescription("Prefix of the Kafka sink's transactional ids; unique per job on a cluster.");

    public static final ConfigOption<Duration> TRANSACTION_TIMEOUT = ConfigOptions.key("transaction-timeout")
            .durationType()
            .defaultValue(Duration.ofMinutes(5))
            .withDescription("Kafka transaction timeout; must not exceed the broker's transaction.max.timeout.ms.");

    /** In the order of README's table and {@code --help}. */
    static List<ConfigOption<?>> all() {
        return List.of(
                KAFKA_BOOTSTRAP,
                KAFKA_PROPERTIES,
                KAFKA_SASL_USERNAME,
                KAFKA_SASL_MECHANISM,
                KAFKA_TRUSTSTORE,
                RAW_TOPIC,
                STATS_TOPIC,
                ALERTS_TOPIC,
                DEADLETTER_TOPIC,
                TOPIC_PARTITIONS,
                TOPIC_REPLICATION,
                PUBLISH_RAW,
                KAFKA_GROUP_ID,
                KAFKA_STARTING_OFFSETS,
                KAFKA_STOP_AT_LATEST,
                TRANSACTIONAL_ID_PREFIX,
                TRANSACTION_TIMEOUT);
    }
}
