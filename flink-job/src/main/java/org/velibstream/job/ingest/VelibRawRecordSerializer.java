package org.velibstream.job.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.velibstream.gbfs.StationStatus;
import org.velibstream.gbfs.VelibEntryJson;

/**
 * Writes a polled station status to the raw topic as one station entry in Vélib's own shape (see
 * {@link VelibEntryJson}), the shape existing producers write and {@link RawStationRecordDeserializer} reads. The
 * record's timestamp is the observation time, which is what a reader of single entries takes as event time; its key
 * is the station code.
 */
public final class VelibRawRecordSerializer implements KafkaRecordSerializationSchema<FeedItem> {

    private static final long serialVersionUID = 1L;
    private static final JsonFactory JSON = new JsonFactory();

    private final String topic;

    public VelibRawRecordSerializer(String topic) {
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(FeedItem item, KafkaSinkContext context, @Nullable Long timestamp) {
        StationStatus status = Objects.requireNonNull(item.status(), "only statuses are republished");
        return new ProducerRecord<>(
                topic,
                null,
                item.observedAt().toEpochMilli(),
                status.stationKey().getBytes(StandardCharsets.UTF_8),
                entry(status));
    }

    static byte[] entry(StationStatus status) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            VelibEntryJson.writeStatus(json, status);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing JSON to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }
}
