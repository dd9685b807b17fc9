package org.velibstream.sink.jsonl;

import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.velibstream.sink.json.JsonCodec;

/** The writer of {@link JsonLinesSink}: appends lines, makes them durable on flush, checkpoints the length. */
final class JsonLinesWriter<T> implements StatefulSinkWriter<T, Long> {

    private static final byte NEWLINE = '\n';

    private final FileChannel channel;
    private final OutputStream out;
    private final ObjectWriter json = JsonCodec.newMapper().writer();

    JsonLinesWriter(Path file, long validLength) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        long size = channel.size();
        if (size < validLength) {
            channel.close();
            throw new IOException(file + " is shorter (" + size + " bytes) than its checkpointed length " + validLength
                    + ": it was changed outside the job");
        }
        channel.truncate(validLength);
        channel.position(validLength);
        out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
    }

    @Override
    public void write(T element, Context context) throws IOException {
        out.write(json.writeValueAsBytes(element));
        out.write(NEWLINE);
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
        out.flush();
        channel.force(false);
    }

    @Override
    public List<Long> snapshotState(long checkpointId) throws IOException {
        out.flush();
        return List.of(channel.position());
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
