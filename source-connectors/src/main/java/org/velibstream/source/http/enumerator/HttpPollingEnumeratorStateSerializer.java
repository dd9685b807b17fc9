package org.velibstream.source.http.enumerator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.velibstream.source.http.split.HttpEndpointSplit;
import org.velibstream.source.http.split.HttpEndpointSplitSerializer;

/**
 * Serializes {@link HttpPollingEnumeratorState}. Version 1 is the first format; each split is stored with the version
 * of the split serializer that wrote it, so the two formats can evolve separately.
 */
public final class HttpPollingEnumeratorStateSerializer
        implements SimpleVersionedSerializer<HttpPollingEnumeratorState> {

    private static final int VERSION_1 = 1;

    private final HttpEndpointSplitSerializer splitSerializer = HttpEndpointSplitSerializer.INSTANCE;

    @Override
    public int getVersion() {
        return VERSION_1;
    }

    @Override
    public byte[] serialize(HttpPollingEnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        out.writeInt(state.unassignedSplits().size());
        for (HttpEndpointSplit split : state.unassignedSplits()) {
            byte[] bytes = splitSerializer.serialize(split);
            out.writeInt(splitSerializer.getVersion());
            out.writeInt(bytes.length);
            out.write(bytes);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public HttpPollingEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION_1) {
            throw new IOException("Unknown HttpPollingEnumeratorState serializer version " + version
                    + "; this build reads version " + VERSION_1);
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        int count = in.readInt();
        List<HttpEndpointSplit> splits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int splitVersion = in.readInt();
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            splits.add(splitSerializer.deserialize(splitVersion, bytes));
        }
        return new HttpPollingEnumeratorState(splits);
    }
}
