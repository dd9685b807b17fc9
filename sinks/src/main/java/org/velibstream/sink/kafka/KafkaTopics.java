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
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    LOG.info(
                            "Created topic {} ({} partitions, replication {})",
                            entry.getKey(),
                            partitions,
                            replication);
                } catch (ExecutionException e) {
                    // Another job instance may have created it since we listed the topics.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            return missing.stream().map(NewTopic::name).toList();
        }
    }
}
