package org.velibstream.source.http.split;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.velibstream.source.http.HttpEndpoint;

/** Serializes {@link HttpEndpointSplit}s into checkpoints. Version 1 is the first format. */
public final class HttpEndpointSplitSerializer implements SimpleVersionedSerializer<HttpEndpointSplit> {

    public static final HttpEndpointSplitSerializer INSTANCE = new HttpEndpointSplitSerializer();

    private static final int VERSION_1 = 1;

    @Override
    public int getVersion() {
        return VERSION_1;
    }

    @Override
    public byte[] serialize(HttpEndpointSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public HttpEndpointSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION_1) {
            throw new IOException("Unknown HttpEndpointSplit serializer version " + version
                    + "; this build reads version " + VERSION_1);
        }
        return read(new DataInputDeserializer(serialized));
    }

    private static void write(HttpEndpointSplit split, DataOutputView out) throws IOException {
        HttpEndpoint endpoint = split.endpoint();
        out.writeUTF(endpoint.id());
        out.writeUTF(endpoint.uri().toString());
        out.writeLong(endpoint.pollInterval().toMillis());
        out.writeInt(endpoint.headers().size());
        for (Map.Entry<String, String> header : endpoint.headers().entrySet()) {
            out.writeUTF(header.getKey());
            out.writeUTF(header.getValue());
        }
        writeNullable(split.etag(), out);
        writeNullable(split.lastModified(), out);
        writeNullable(split.bodySha256(), out);
        out.writeLong(split.polls());
    }

    private static HttpEndpointSplit read(DataInputView in) throws IOException {
        String id = in.readUTF();
        URI uri = URI.create(in.readUTF());
        Duration pollInterval = Duration.ofMillis(in.readLong());
        int headerCount = in.readInt();
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < headerCount; i++) {
            headers.put(in.readUTF(), in.readUTF());
        }
        HttpEndpoint endpoint = new HttpEndpoint(id, uri, pollInterval, headers);
        return new HttpEndpointSplit(endpoint, readNullable(in), readNullable(in), readNullable(in), in.readLong());
    }

    private static void writeNullable(@Nullable String value, DataOutputView out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    @Nullable
    private static String readNullable(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
