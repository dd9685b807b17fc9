package org.velibstream.source.http.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.velibstream.source.http.TestEndpoints.endpoint;
import static org.velibstream.source.http.TestEndpoints.endpointWithApiKey;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class HttpEndpointSplitSerializerTest {

    private final HttpEndpointSplitSerializer serializer = HttpEndpointSplitSerializer.INSTANCE;

    @Test
    void roundTripsANeverPolledSplit() throws IOException {
        HttpEndpointSplit split = new HttpEndpointSplit(endpoint("velib-status"));

        assertThat(roundTrip(split)).isEqualTo(split);
    }

    @Test
    void roundTripsValidatorsHashPollsAndHeaders() throws IOException {
        HttpEndpointSplit split = new HttpEndpointSplit(
                endpointWithApiKey("lyon", "key"), "\"v42\"", "Mon, 23 Nov 2026 03:00:00 GMT", "ab".repeat(32), 17);

        HttpEndpointSplit restored = roundTrip(split);

        assertThat(restored).isEqualTo(split);
        assertThat(restored.endpoint().headers()).containsEntry("X-Api-Key", "key");
    }

    @Test
    void rejectsAnUnknownVersion() throws IOException {
        byte[] bytes = serializer.serialize(new HttpEndpointSplit(endpoint("a")));

        assertThat(serializer.getVersion()).isEqualTo(1);
        assertThatThrownBy(() -> serializer.deserialize(2, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 2");
    }

    private HttpEndpointSplit roundTrip(HttpEndpointSplit split) throws IOException {
        return serializer.deserialize(serializer.getVersion(), serializer.serialize(split));
    }
}
