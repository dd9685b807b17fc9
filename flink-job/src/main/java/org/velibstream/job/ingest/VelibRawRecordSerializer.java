package org.velibstream.job.ingest;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.velibstream.gbfs.StationStatus;

import javax.annotation.Nullable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes a polled station status to the raw topic as one station entry in Vélib's own shape, the shape existing
 * producers write and {@link RawStationRecordDeserializer} reads: snake_case fields with their camelCase twins,
 * {@code num_bikes_available_types} as single-key objects, 0/1 flags. The record's timestamp is the observation
 * time, which is what a reader of single entries takes as event time; its key is the station code.
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
        return new ProducerRecord<>(topic, null, item.observedAt().toEpochMilli(),
                status.stationKey().getBytes(StandardCharsets.UTF_8), entry(status));
    }

    static byte[] entry(StationStatus status) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            if (status.stationId().chars().allMatch(Character::isDigit) && status.stationId().length() < 19) {
                json.writeNumberField("station_id", Long.parseLong(status.stationId()));
            } else {
                json.writeStringField("station_id", status.stationId());
            }
            json.writeNumberField("num_bikes_available", status.bikesAvailable());
            json.writeNumberField("numBikesAvailable", status.bikesAvailable());
            if (status.mechanicalBikes() != null || status.ebikes() != null) {
                json.writeArrayFieldStart("num_bikes_available_types");
                writeType(json, "mechanical", status.mechanicalBikes());
                writeType(json, "ebike", status.ebikes());
                json.writeEndArray();
            }
            json.writeNumberField("num_docks_available", status.docksAvailable());
            json.writeNumberField("numDocksAvailable", status.docksAvailable());
            json.writeNumberField("is_installed", status.installed() ? 1 : 0);
            json.writeNumberField("is_returning", status.returning() ? 1 : 0);
            json.writeNumberField("is_renting", status.renting() ? 1 : 0);
            if (status.lastReported() != null) {
                json.writeNumberField("last_reported", status.lastReported().getEpochSecond());
            }
            if (status.stationCode() != null) {
                json.writeStringField("stationCode", status.stationCode());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing JSON to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static void writeType(JsonGenerator json, String type, @Nullable Integer count) throws IOException {
        if (count != null) {
            json.writeStartObject();
            json.writeNumberField(type, count);
            json.writeEndObject();
        }
    }
}
