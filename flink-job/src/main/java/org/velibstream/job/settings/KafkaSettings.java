package org.velibstream.job.settings;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import javax.annotation.Nullable;
import org.apache.flink.configuration.Configuration;

/**
 * The job's Kafka settings, resolved once from the options and the secrets: the servers, the clients' properties
 * (security with its passwords, and {@code --kafka-properties}), the topics, the raw-topic source's start and end, and
 * the transactions of the sinks. The passwords live only in {@link #clientProperties()}, never in Flink's
 * configuration, and never in {@link #toString()}.
 *
 * @param saslIdentity who the job logs in as, for messages: {@code user velib (SCRAM-SHA-512)}; null without SASL
 * @param truststore the {@code --kafka-truststore} file; null for the JVM's default
 */
public record KafkaSettings(
        String bootstrap,
        Properties clientProperties,
        @Nullable String saslIdentity,
        @Nullable String truststore,
        String groupId,
        StartingOffsets startingOffsets,
        boolean stopAtLatest,
        String rawTopic,
        String statsTopic,
        String alertsTopic,
        String deadLetterTopic,
        int topicPartitions,
        short topicReplication,
        String transactionalIdPrefix,
        Duration transactionTimeout) {

    public KafkaSettings {
        Objects.requireNonNull(bootstrap, "bootstrap");
        clientProperties = copy(Objects.requireNonNull(clientProperties, "clientProperties"));
        Objects.requireNonNull(startingOffsets, "startingOffsets");
    }

    /** @throws IllegalArgumentException when a password is missing or the properties file conflicts */
    static KafkaSettings from(Configuration config, Secrets secrets) {
        String username = config.get(KafkaOptions.KAFKA_SASL_USERNAME);
        return new KafkaSettings(
                config.get(KafkaOptions.KAFKA_BOOTSTRAP),
                KafkaClientProperties.load(config, secrets),
                username == null
                        ? null
                        : "user " + username + " (" + config.get(KafkaOptions.KAFKA_SASL_MECHANISM) + ")",
                config.get(KafkaOptions.KAFKA_TRUSTSTORE),
                config.get(KafkaOptions.KAFKA_GROUP_ID),
                config.get(KafkaOptions.KAFKA_STARTING_OFFSETS),
                config.get(KafkaOptions.KAFKA_STOP_AT_LATEST),
                config.get(KafkaOptions.RAW_TOPIC),
                config.get(KafkaOptions.STATS_TOPIC),
                config.get(KafkaOptions.ALERTS_TOPIC),
                config.get(KafkaOptions.DEADLETTER_TOPIC),
                config.get(KafkaOptions.TOPIC_PARTITIONS),
                config.get(KafkaOptions.TOPIC_REPLICATION).shortValue(),
                config.get(KafkaOptions.TRANSACTIONAL_ID_PREFIX),
                config.get(KafkaOptions.TRANSACTION_TIMEOUT));
    }

    /** A copy of the clients' properties (bootstrap servers included), for the caller to add its own settings to. */
    @Override
    public Properties clientProperties() {
        return copy(clientProperties);
    }

    /** The security protocol the clients speak, for messages. */
    public String securityProtocol() {
        return clientProperties.getProperty("security.protocol", "PLAINTEXT");
    }

    private static Properties copy(Properties properties) {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }

    /** Without the client properties: they may hold passwords. */
    @Override
    public String toString() {
        return "KafkaSettings[bootstrap=" + bootstrap + ", security=" + securityProtocol() + ", groupId=" + groupId
                + ", startingOffsets=" + startingOffsets + ", stopAtLatest=" + stopAtLatest + ", topics=" + rawTopic
                + "," + statsTopic + "," + alertsTopic + "," + deadLetterTopic + "]";
    }
}
