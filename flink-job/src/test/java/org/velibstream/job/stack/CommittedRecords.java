package org.velibstream.job.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The values committed to one topic, as a {@code read_committed} consumer sees them, duplicates included. Each
 * {@link #readNew()} reads on up to the topic's current last stable offset, which such a consumer sees as the end,
 * so what it returns does not depend on a waiting time. One consumer for the whole scenario: it reconnects by itself
 * after a broker restart.
 */
final class CommittedRecords implements AutoCloseable {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final String topic;
    private final KafkaConsumer<String, String> consumer;
    private final List<String> values = new ArrayList<>();
    private List<TopicPartition> partitions = List.of();

    CommittedRecords(String bootstrap, String topic) {
        this.topic = topic;
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(config);
    }

    /** Every value committed so far, in the order read; empty while the topic does not exist or the broker is away. */
    List<String> readNew() {
        try {
            if (partitions.isEmpty()) {
                partitions = consumer.partitionsFor(topic, REQUEST_TIMEOUT).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition()))
                        .toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, REQUEST_TIMEOUT);
            while (partitions.stream()
                    .anyMatch(partition -> consumer.position(partition, REQUEST_TIMEOUT) < ends.get(partition))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        } catch (KafkaException e) {
            // Not created yet, or the broker is still coming back: what was read so far stands.
        }
        return List.copyOf(values);
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
