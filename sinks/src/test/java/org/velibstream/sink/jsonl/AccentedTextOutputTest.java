package org.velibstream.sink.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.velibstream.sink.kafka.KeyedJsonSerializationSchema;

/**
 * Names with accents leave as UTF-8 bytes, never escaped nor in the platform's charset: through the Kafka JSON schema
 * (key and value) and the JSON lines file.
 */
class AccentedTextOutputTest {

    record Named(String stationCode, String name) {}

    private static final Named RENE = new Named("10001", "René Boulanger - Lancry, Œuvre, Château-Landon");
    private static final byte[] NAME_UTF8 = RENE.name().getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void kafkaRecordsCarryUtf8() {
        KeyedJsonSerializationSchema<Named> schema = new KeyedJsonSerializationSchema<>("stations", Named::name);
        schema.open(null, null);

        ProducerRecord<byte[], byte[]> record = schema.serialize(RENE, null, 0L);

        assertThat(record.key()).isEqualTo(NAME_UTF8);
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("\"name\":\"" + RENE.name() + "\"");
    }

    @Test
    void jsonLinesAreUtf8() throws Exception {
        Path file = dir.resolve("stations.jsonl");
        try (JsonLinesWriter<Named> writer = new JsonLinesWriter<>(file, 0)) {
            writer.write(RENE, null);
            writer.flush(true);
        }

        assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8))
                .isEqualTo("{\"stationCode\":\"10001\",\"name\":\"" + RENE.name() + "\"}\n");
    }
}
