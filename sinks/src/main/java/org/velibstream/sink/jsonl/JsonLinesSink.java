package org.velibstream.sink.jsonl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes records as JSON lines (one object a line, see {@code JsonCodec}) to one local file, exactly once: the
 * file's length is checkpointed, and a writer restored from a checkpoint cuts the file back to that length before
 * it goes on, so lines written after the checkpoint are not written twice. A fresh start empties the file.
 *
 * <p>Made for bounded replays and demos on one machine: it writes a single file and so runs at parallelism 1.
 */
public final class JsonLinesSink<T> implements Sink<T>, SupportsWriterState<T, Long> {

    private static final long serialVersionUID = 1L;

    private final String file;

    public JsonLinesSink(Path file) {
        this.file = Objects.requireNonNull(file, "file").toString();
    }

    @Override
    public StatefulSinkWriter<T, Long> createWriter(WriterInitContext context) throws IOException {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<T, Long> restoreWriter(WriterInitContext context, Collection<Long> recoveredState)
            throws IOException {
        int parallelism = context.getTaskInfo().getNumberOfParallelSubtasks();
        if (parallelism != 1 || recoveredState.size() > 1) {
            throw new IllegalStateException("JsonLinesSink writes the single file " + file
                    + " and must run at parallelism 1, not " + parallelism);
        }
        long validLength =
                recoveredState.isEmpty() ? 0 : recoveredState.iterator().next();
        return new JsonLinesWriter<>(Path.of(file), validLength);
    }

    @Override
    public SimpleVersionedSerializer<Long> getWriterStateSerializer() {
        return new FileLengthSerializer();
    }

    /** Version 1: the file length as 8 bytes. */
    static final class FileLengthSerializer implements SimpleVersionedSerializer<Long> {

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Long length) {
            return ByteBuffer.allocate(Long.BYTES).putLong(length).array();
        }

        @Override
        public Long deserialize(int version, byte[] serialized) throws IOException {
            if (version != 1 || serialized.length != Long.BYTES) {
                throw new IOException(
                        "Unknown JsonLinesSink state: version " + version + ", " + serialized.length + " bytes");
            }
            return ByteBuffer.wrap(serialized).getLong();
        }
    }
}
