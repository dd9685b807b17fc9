package org.velibstream.bench.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes a {@link RawTopicLoad} into a raw topic: all at once before a run ({@link #preload}), for throughput, or
 * paced at a fixed rate ({@link #atFixedRate}), for latency. Records keep their keys (station codes, so a station's
 * records stay in order on one partition) and their timestamps (the observation times).
 */
public final class RawTopicLoadGenerator implements AutoCloseable {

    /** When each record was handed to the producer, on {@link System#nanoTime()}'s clock, in the load's order. */
    public record SendTimes(long[] nanos) {}

    private final String bootstrap;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    public RawTopicLoadGenerator(String bootstrap) {
        this.bootstrap = bootstrap;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.BATCH_SIZE_CONFIG,
                256 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class.getName()));
    }

    /** Creates {@code topic} with {@code partitions} partitions; fails if it exists, so that no run reads old records. */
    public void createTopic(String topic, int partitions)
            throws ExecutionException, InterruptedException, TimeoutException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get(60, TimeUnit.SECONDS);
        }
    }

    /** Writes every record of {@code load} as fast as the broker takes them, and waits until all are acknowledged. */
    public void preload(String topic, RawTopicLoad load) {
        for (RawRecord record : load.records()) {
            send(topic, record);
        }
        flush();
    }

    /**
     * Writes {@code load} at {@code recordsPerSecond}, each record sent at its slot on a fixed schedule from the first
     * (a late slot is sent at once, not skipped), and waits until all are acknowledged.
     */
    public SendTimes atFixedRate(String topic, RawTopicLoad load, double recordsPerSecond) {
        if (recordsPerSecond <= 0) {
            throw new IllegalArgumentException("the rate must be positive, got " + recordsPerSecond);
        }
        List<RawRecord> records = load.records();
        long[] sentAt = new long[records.size()];
        double nanosPerRecord = 1e9 / recordsPerSecond;
        long start = System.nanoTime();
        for (int i = 0; i < records.size(); i++) {
            long slot = start + (long) (i * nanosPerRecord);
            long wait;
            while ((wait = slot - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            sentAt[i] = System.nanoTime();
            send(topic, records.get(i));
        }
        flush();
        return new SendTimes(sentAt);
    }

    private void send(String topic, RawRecord record) {
        producer.send(
                new ProducerRecord<>(topic, null, record.timestamp(), record.key(), record.value()),
                (metadata, failure) -> {
                    if (failure != null) {
                        firstFailure.compareAndSet(null, failure);
                    }
                });
    }

    /** A lost record would make every figure of the run wrong: fail the run instead. */
    private void flush() {
        producer.flush();
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new IllegalStateException("The load generator could not write every record", failure);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
