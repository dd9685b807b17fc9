package org.velibstream.sink.alertmanager;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.velibstream.sink.json.JsonCodec;

/** The writer's state, one open alert, as JSON: readable in a checkpoint, and free to gain fields later. */
final class AlertmanagerAlertSerializer implements SimpleVersionedSerializer<AlertmanagerAlert> {

    private static final int VERSION = 1;

    private final ObjectMapper json = JsonCodec.newMapper();

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(AlertmanagerAlert alert) throws IOException {
        return json.writeValueAsBytes(alert);
    }

    @Override
    public AlertmanagerAlert deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("unknown version " + version + " of an open Alertmanager alert in the state");
        }
        return json.readValue(serialized, AlertmanagerAlert.class);
    }
}
