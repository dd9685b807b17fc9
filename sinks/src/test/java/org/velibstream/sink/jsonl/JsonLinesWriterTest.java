package org.velibstream.sink.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesWriterTest {

    record Row(String postalCode, Instant windowEnd, int bikes) {}

    @TempDir
    Path dir;

    @Test
    void writesOneJsonObjectPerLineWithIsoTimes() throws Exception {
        Path file = dir.resolve("stats.jsonl");
        try (JsonLinesWriter<Row> writer = new JsonLinesWriter<>(file, 0)) {
            writer.write(new Row("75016", Instant.parse("2024-11-19T08:23:00Z"), 12), null);
            writer.flush(true);
        }
        assertThat(Files.readAllLines(file))
                .containsExactly("{\"postalCode\":\"75016\",\"windowEnd\":\"2024-11-19T08:23:00Z\",\"bikes\":12}");
    }

    @Test
    void restoreCutsTheFileBackToTheCheckpointedLength() throws Exception {
        Path file = dir.resolve("stats.jsonl");
        long checkpointed;
        try (JsonLinesWriter<Row> writer = new JsonLinesWriter<>(file, 0)) {
            writer.write(new Row("75001", Instant.EPOCH, 1), null);
            checkpointed = writer.snapshotState(1).get(0);
            // Written after the checkpoint, then the job fails: a restore must forget this line.
            writer.write(new Row("75002", Instant.EPOCH, 2), null);
            writer.flush(false);
        }
        try (JsonLinesWriter<Row> restored = new JsonLinesWriter<>(file, checkpointed)) {
            restored.write(new Row("75003", Instant.EPOCH, 3), null);
            restored.flush(true);
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"75001\"");
        assertThat(lines.get(1)).contains("\"75003\"");
    }

    @Test
    void aFreshStartEmptiesAnOldFile() throws Exception {
        Path file = dir.resolve("alerts.jsonl");
        Files.writeString(file, "{\"old\":true}\n");
        try (JsonLinesWriter<Row> writer = new JsonLinesWriter<>(file, 0)) {
            writer.flush(true);
        }
        assertThat(Files.size(file)).isZero();
    }

    @Test
    void refusesToRestoreOverAFileShorterThanItsCheckpoint() throws IOException {
        Path file = dir.resolve("stats.jsonl");
        Files.writeString(file, "{}\n");
        assertThatThrownBy(() -> new JsonLinesWriter<Row>(file, 100))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("changed outside the job");
    }

    @Test
    void stateSerializerRoundTrips() throws IOException {
        JsonLinesSink.FileLengthSerializer serializer = new JsonLinesSink.FileLengthSerializer();
        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(123_456_789L)))
                .isEqualTo(123_456_789L);
    }
}
