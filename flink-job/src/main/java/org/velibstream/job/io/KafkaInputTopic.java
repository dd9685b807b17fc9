package org.velibstream.job.io;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.velibstream.job.ingest.FeedItem;
import org.velibstream.job.ingest.RawStationRecordDeserializer;
import org.velibstream.job.settings.KafkaSettings;
import org.velibstream.sink.kafka.KafkaTopics;

/**
 * The raw topic the job reads ({@code --source kafka|both}), made sure of on the client before the job is submitted.
 * Missing, the running job's Kafka source would fail on {@code UnknownTopicOrPartitionException} and restart until a
 * producer happened to create it (with the broker's default partitions); so the job creates it, with
 * {@code --topic-partitions} and {@code --topic-replication} as its output topics. Where it may not (no CREATE right,
 * a broker policy, a replication the cluster cannot give), the submission stops here with one message that says
 * which command or ACL fixes it. The partition count it returns caps the parallelism of the topic's source.
 */
public final class KafkaInputTopic {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaInputTopic.class);

    /** As long as the output topics' creation may take. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** How the job learns the raw topic's partition count before it is built. */
    @FunctionalInterface
    public interface Partitions {
        int of(KafkaSettings kafka) throws KafkaAccessException, InterruptedException;
    }

    /** Asks Kafka, creating the topic when it is missing: what the job does. */
    public static final Partitions CREATE_WHEN_MISSING = kafka -> prepare(kafka, TIMEOUT);

    private KafkaInputTopic() {}

    /**
     * How many readers the Kafka source gets: one per partition at most. A reader without a partition has no split
     * whose idleness would free the watermark, so its output went idle only after {@code --idle-timeout}, and every
     * window waited that long. Partitions added later are assigned to the existing readers by partition discovery.
     *
     * @param jobParallelism the environment's parallelism, or a non-positive value when unknown
     * @return the source's parallelism, or empty to leave it at the job's
     */
    public static OptionalInt readers(int jobParallelism, int partitions) {
        return jobParallelism > partitions ? OptionalInt.of(partitions) : OptionalInt.empty();
    }

    /**
     * The source of the raw topic's records, from the committed offsets of {@code --kafka-group-id}, with at most
     * one reader per partition ({@link #readers}).
     *
     * @param deserializer what reads each record into feed items
     * @param partitions the topic's partition count, as found before the job was built
     */
    static SingleOutputStreamOperator<FeedItem> source(
            StreamExecutionEnvironment env,
            KafkaSettings kafka,
            RawStationRecordDeserializer deserializer,
            int partitions,
            WatermarkStrategy<FeedItem> watermarks,
            String name) {
        KafkaSourceBuilder<FeedItem> source = KafkaSource.<FeedItem>builder()
                .setBootstrapServers(kafka.bootstrap())
                .setTopics(kafka.rawTopic())
                .setGroupId(kafka.groupId())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(
                        kafka.startingOffsets().resetStrategy()))
                .setProperties(kafka.clientProperties())
                .setDeserializer(deserializer);
        if (kafka.stopAtLatest()) {
            source.setBounded(OffsetsInitializer.latest());
        }
        SingleOutputStreamOperator<FeedItem> stream = env.fromSource(source.build(), watermarks, name);
        readers(env.getParallelism(), partitions).ifPresent(readers -> {
            LOG.info(
                    "The raw topic {} has {} partitions, fewer than the job's parallelism {}: its source runs {} readers",
                    kafka.rawTopic(),
                    partitions,
                    env.getParallelism(),
                    readers);
            stream.setParallelism(readers);
        });
        return stream;
    }

    /**
     * Creates the raw topic when it is missing.
     *
     * @return the topic's partition count
     * @throws KafkaAccessException when the topic is missing and cannot be created, when the job may not see it, or
     *     when Kafka does not answer within {@code timeout}
     */
    public static int prepare(KafkaSettings kafka, Duration timeout) throws KafkaAccessException, InterruptedException {
        String topic = kafka.rawTopic();
        Admin admin = Admin.create(kafka.clientProperties());
        try {
            OptionalInt existing = partitions(admin, kafka, timeout);
            if (existing.isPresent()) {
                return existing.getAsInt();
            }
            try {
                if (KafkaTopics.create(
                        admin, new NewTopic(topic, kafka.topicPartitions(), kafka.topicReplication()), timeout)) {
                    LOG.info(
                            "Created the input topic {} ({} partitions, replication {}): it did not exist",
                            topic,
                            kafka.topicPartitions(),
                            kafka.topicReplication());
                    return kafka.topicPartitions();
                }
                // A producer (or another job) created it since it was described: read what it was created with.
                return partitions(admin, kafka, timeout)
                        .orElseThrow(() -> new KafkaAccessException("Kafka at " + kafka.bootstrap() + " says the topic "
                                + topic + " exists, yet does not describe it: retry the submission."));
            } catch (ExecutionException e) {
                throw creationRefused(kafka, e.getCause());
            } catch (TimeoutException e) {
                throw noAnswer(kafka, timeout, e);
            }
        } finally {
            // Not the default close, which waits for a request that timed out here to time out in the client too.
            admin.close(Duration.ofSeconds(1));
        }
    }

    /** The topic's partition count; empty when the topic does not exist. */
    private static OptionalInt partitions(Admin admin, KafkaSettings kafka, Duration timeout)
            throws KafkaAccessException, InterruptedException {
        String topic = kafka.rawTopic();
        try {
            TopicDescription description = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .get(topic);
            return OptionalInt.of(description.partitions().size());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return OptionalInt.empty();
            }
            throw describeRefused(kafka, e.getCause());
        } catch (TimeoutException e) {
            throw noAnswer(kafka, timeout, e);
        }
    }

    /** Why the missing topic could not be created, and what creates it. */
    static KafkaAccessException creationRefused(KafkaSettings kafka, Throwable cause) {
        String topic = kafka.rawTopic();
        String create = "kafka-topics.sh --bootstrap-server " + kafka.bootstrap() + " --create --topic " + topic
                + " --partitions " + kafka.topicPartitions() + " --replication-factor " + kafka.topicReplication();
        String missing = "The input topic " + topic + " does not exist on Kafka at " + kafka.bootstrap() + ", and ";
        if (cause instanceof TopicAuthorizationException || cause instanceof ClusterAuthorizationException) {
            return new KafkaAccessException(
                    missing + principal(kafka) + " may not create it (" + cause.getMessage() + "). Create it: `"
                            + create + "`, or allow the job to: `kafka-acls.sh --bootstrap-server "
                            + kafka.bootstrap() + " --add --allow-principal " + principal(kafka)
                            + " --operation Create --topic " + topic + "`.",
                    cause);
        }
        return new KafkaAccessException(
                missing + "Kafka refused to create it with " + kafka.topicPartitions() + " partitions and replication "
                        + kafka.topicReplication() + ": " + cause.getMessage() + ". Create it: `" + create
                        + "` (with what the cluster allows), or change --topic-partitions and --topic-replication.",
                cause);
    }

    /** The topic could not be described: the job may not see it, so it could not read it either. */
    static KafkaAccessException describeRefused(KafkaSettings kafka, Throwable cause) {
        String topic = kafka.rawTopic();
        if (cause instanceof TopicAuthorizationException) {
            return new KafkaAccessException(
                    principal(kafka) + " may not describe the input topic " + topic + " on Kafka at "
                            + kafka.bootstrap() + " (" + cause.getMessage()
                            + "), so it cannot read it. Allow it to: `kafka-acls.sh --bootstrap-server "
                            + kafka.bootstrap() + " --add --allow-principal " + principal(kafka)
                            + " --operation Read --operation Describe --topic " + topic + " --group "
                            + kafka.groupId() + "`.",
                    cause);
        }
        return new KafkaAccessException(
                "Kafka at " + kafka.bootstrap() + " could not describe the input topic " + topic + ": "
                        + cause.getMessage(),
                cause);
    }

    private static KafkaAccessException noAnswer(KafkaSettings kafka, Duration timeout, TimeoutException e) {
        return new KafkaAccessException(
                "Kafka at " + kafka.bootstrap() + " did not say within " + timeout.toSeconds()
                        + " s whether the input topic " + kafka.rawTopic() + " exists.",
                e);
    }

    /**
     * The Kafka principal the job is, as ACLs name it: its SASL user, {@code User:ANONYMOUS} without security; with
     * TLS alone the broker names it after the client certificate, which the job does not know.
     */
    static String principal(KafkaSettings kafka) {
        String identity = kafka.saslIdentity();
        if (identity != null && identity.startsWith("user ")) {
            int end = identity.indexOf(" (");
            return "User:" + identity.substring("user ".length(), end < 0 ? identity.length() : end);
        }
        return kafka.securityProtocol().equals("PLAINTEXT") ? "User:ANONYMOUS" : "User:<the job's principal>";
    }
}
