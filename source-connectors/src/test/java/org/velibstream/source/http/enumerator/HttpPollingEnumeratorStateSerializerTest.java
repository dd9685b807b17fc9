package org.velibstream.source.http.enumerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.velibstream.source.http.TestEndpoints.endpoint;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.velibstream.source.http.split.HttpEndpointSplit;

class HttpPollingEnumeratorStateSerializerTest {

    private final HttpPollingEnumeratorStateSerializer serializer = new HttpPollingEnumeratorStateSerializer();

    @Test
    void roundTripsUnassignedSplitsInOrder() throws IOException {
        HttpPollingEnumeratorState state = new HttpPollingEnumeratorState(List.of(
                new HttpEndpointSplit(endpoint("a")), new HttpEndpointSplit(endpoint("b"), "\"e\"", null, "00ff", 3)));

        HttpPollingEnumeratorState restored =
                serializer.deserialize(serializer.getVersion(), serializer.serialize(state));

        assertThat(restored).isEqualTo(state);
    }

    @Test
    void roundTripsAnEmptyState() throws IOException {
        HttpPollingEnumeratorState state = new HttpPollingEnumeratorState(List.of());

        assertThat(serializer.deserialize(1, serializer.serialize(state))).isEqualTo(state);
    }

    @Test
    void rejectsAnUnknownVersion() throws IOException {
        byte[] bytes = serializer.serialize(new HttpPollingEnumeratorState(List.of()));

        assertThat(serializer.getVersion()).isEqualTo(1);
        assertThatThrownBy(() -> serializer.deserialize(7, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 7");
    }
}
