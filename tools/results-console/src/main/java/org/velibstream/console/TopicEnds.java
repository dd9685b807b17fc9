package org.velibstream.console;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;

/** Asks Kafka where a topic's partitions end, to tell whether everything written to them is committed and read. */
public final class TopicEnds {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Admin admin;

    public TopicEnds(Admin admin) {
        this.admin = admin;
    }

    /**
     * Whether {@code consumer} (a {@code read_committed} one) has read {@code partitions} to their committed end and
     * that end is the end of their log: no transaction is open on them ({@link CompleteWindows#settled}). A broker
     * that does not answer in time means not yet.
     */
    public boolean settled(Consumer<?, ?> consumer, List<TopicPartition> partitions) {
        try {
            Map<TopicPartition, Long> positions = new HashMap<>();
            partitions.forEach(partition -> positions.put(partition, consumer.position(partition, TIMEOUT)));
            // read_committed: the last stable offsets, asked before the log ends, which can only have grown since.
            Map<TopicPartition, Long> committedEnds = consumer.endOffsets(partitions, TIMEOUT);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            Map<TopicPartition, Long> logEnds = new HashMap<>();
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
                    .all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((partition, info) -> logEnds.put(partition, info.offset()));
            return CompleteWindows.settled(positions, committedEnds, logEnds);
        } catch (TimeoutException | ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }
}
