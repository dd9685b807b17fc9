package org.velibstream.bench.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExternalPeerTest {

    private final ExternalPeer peer = new ExternalPeer(
            "Spark Structured Streaming",
            List.of("java", "-jar", "peer.jar"),
            Path.of("stations.csv"),
            Duration.ofMinutes(1),
            Duration.ofMinutes(1));

    @Test
    void readsThePeersResultLine() throws Exception {
        ExternalPeer.Result result =
                peer.parse("{\"records\": 300000, \"seconds\": 12.5, \"recordsPerSecond\": 24000, \"sums\": []}");

        assertThat(result.run().records()).isEqualTo(300_000);
        assertThat(result.run().recordsPerSecond()).isEqualTo(24_000);
        assertThat(result.report().get("sums").isArray()).isTrue();
    }

    @Test
    void aLineWithoutRecordsAndSecondsIsAClearError() {
        assertThatThrownBy(() -> peer.parse("{\"recordsPerSecond\": 24000}"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Spark Structured Streaming printed no JSON result with records and seconds");
    }
}
