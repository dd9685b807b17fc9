package org.velibstream.sink.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the topics a job writes to when they are missing, so a first run on an empty cluster just works. */
public final class KafkaTopics {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);

    private KafkaTopics() {}

    /**
     * Creates each missing topic with the given partitions and replication; existing topics are left as they are.
     *
     * @param clientProperties Kafka client properties: bootstrap servers and any security settings
     * @return the topics that were created
     */
    public static List<String> createMissing(
            Properties clientProperties, Collection<String> topics, int partitions, short replication, Duration timeout)
            throws InterruptedException, TimeoutException, ExecutionException {
        try (Admin admin = Admin.create(clientProperties)) {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = topics.stream()
                    .distinct()
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, partitions, replication))
                    .toList();
            for (NewTopic topic : missing) {
                if (create(admin, topic, timeout)) {
                    LOG.info("Created topic {} ({} partitions, replication {})", topic.name(), partitions, replication);
                }
            }
            return missing.stream().map(NewTopic::name).toList();
        }
    }

    /**
     * Creates {@code topic}, found missing a moment ago.
     *
     * @return true when this call created it; false when it exists (another client, a producer or another job
     *     instance, created it since it was found missing)
     * @throws ExecutionException with Kafka's reason in its cause when Kafka refused to create it
     */
    public static boolean create(Admin admin, NewTopic topic, Duration timeout)
            throws InterruptedException, TimeoutException, ExecutionException {
        try {
            admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw e;
        }
    }
}
