package org.velibstream.source.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

/**
 * Test deserializer: emits each line of the body prefixed with the endpoint id; a body that does not start with
 * {@code ok} is rejected as undecodable, standing in for non-JSON.
 */
public final class StringLinesDeserializer implements HttpResponseDeserializer<String> {

    @Override
    public void deserialize(PolledResponse response, Collector<String> out) throws IOException {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (!body.startsWith("ok")) {
            throw new IOException("body does not start with 'ok'");
        }
        for (String line : body.split("\n")) {
            out.collect(response.endpointId() + ":" + line);
        }
    }

    @Override
    public TypeInformation<String> getProducedType() {
        return Types.STRING;
    }
}
