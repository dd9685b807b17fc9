package org.velibstream.sink.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.velibstream.sink.json.JsonCodec;

/**
 * Writes each record as one JSON object (see {@link JsonCodec}) to a fixed topic, keyed by a string taken from the
 * record, with the record's event time as the Kafka timestamp.
 */
public final class KeyedJsonSerializationSchema<T> implements KafkaRecordSerializationSchema<T> {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final SerializableFunction<T, String> keyOf;
    private transient ObjectMapper mapper;

    public KeyedJsonSerializationSchema(String topic, SerializableFunction<T, String> keyOf) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.keyOf = Objects.requireNonNull(keyOf, "keyOf");
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        mapper = JsonCodec.newMapper();
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, @Nullable Long timestamp) {
        try {
            byte[] key = keyOf.apply(element).getBytes(StandardCharsets.UTF_8);
            return new ProducerRecord<>(topic, null, timestamp, key, mapper.writeValueAsBytes(element));
        } catch (JsonProcessingException e) {
            // Our own records always map to JSON; failing here is a programming error, not bad input.
            throw new IllegalStateException("Cannot write " + element.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public String topic() {
        return topic;
    }
}
