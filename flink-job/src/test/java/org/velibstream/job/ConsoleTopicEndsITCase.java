package org.velibstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.velibstream.console.TopicEnds;
import org.velibstream.job.testing.TestKafka;

/**
 * The results console's rule for a complete window ({@code CompleteWindows}, {@link TopicEnds}) on the real broker:
 * two transactional producers write interleaved rows of one window into two partitions, as two subtasks of the job's
 * exactly-once sink do, and commit one after the other. After the first commit a {@code read_committed} reader reads
 * only part of the window and the topic is not settled; after the second it reads the whole window and is.
 */
class ConsoleTopicEndsITCase {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void theTopicIsSettledOnlyOnceEveryTransactionWithRowsHasCommitted() throws Exception {
        String topic = "console-topic-ends-" + UUID.randomUUID();
        List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
        try (Admin admin = TestKafka.admin();
                KafkaProducer<String, String> a = transactional("a");
                KafkaProducer<String, String> b = transactional("b");
                KafkaConsumer<String, String> reader = readCommitted()) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            TopicEnds ends = new TopicEnds(admin);
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            a.beginTransaction();
            b.beginTransaction();
            a.send(new ProducerRecord<>(topic, 0, "75001", "a-0")).get();
            b.send(new ProducerRecord<>(topic, 0, "75003", "b-0")).get();
            a.send(new ProducerRecord<>(topic, 0, "75002", "a-1")).get();
            a.send(new ProducerRecord<>(topic, 1, "75005", "a-2")).get();
            b.send(new ProducerRecord<>(topic, 1, "75004", "b-1")).get();

            a.commitTransaction();
            List<String> afterFirstCommit = readToCommittedEnd(reader, partitions);
            assertThat(afterFirstCommit)
                    .as("part of the window: a's rows before b's first")
                    .containsExactlyInAnyOrder("a-0", "a-2");
            assertThat(ends.settled(reader, partitions))
                    .as("b's transaction is open")
                    .isFalse();

            b.commitTransaction();
            List<String> afterSecondCommit = readToCommittedEnd(reader, partitions);
            assertThat(afterSecondCommit).containsExactlyInAnyOrder("b-0", "a-1", "b-1");
            assertThat(ends.settled(reader, partitions)).isTrue();
        }
    }

    private static List<String> readToCommittedEnd(
            KafkaConsumer<String, String> reader, List<TopicPartition> partitions) {
        List<String> values = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            reader.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
            Map<TopicPartition, Long> ends = reader.endOffsets(partitions);
            if (partitions.stream().allMatch(partition -> reader.position(partition) >= ends.get(partition))) {
                return values;
            }
        }
        throw new AssertionError("did not read to the committed end in " + TIMEOUT + "; read " + values);
    }

    private static KafkaProducer<String, String> transactional(String subtask) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.BOOTSTRAP);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "console-topic-ends-" + subtask + "-" + UUID.randomUUID());
        KafkaProducer<String, String> producer = new KafkaProducer<>(config);
        producer.initTransactions();
        return producer;
    }

    private static KafkaConsumer<String, String> readCommitted() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.BOOTSTRAP);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(config);
    }
}
