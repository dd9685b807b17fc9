package org.velibstream.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.velibstream.source.http.TestEndpoints.endpoint;
import static org.velibstream.source.http.TestEndpoints.endpointWithApiKey;

import java.net.URI;
import java.time.Duration;
import org.apache.flink.api.connector.source.Boundedness;
import org.junit.jupiter.api.Test;
import org.velibstream.source.http.auth.HttpAuthentication;

class HttpPollingSourceBuilderTest {

    @Test
    void buildsAnUnboundedSourceWithDefaults() {
        HttpPollingSource<String> source = HttpPollingSource.<String>builder()
                .addEndpoint(endpoint("a"))
                .addEndpoint(endpoint("b"))
                .setDeserializer(new StringLinesDeserializer())
                .build();

        assertThat(source.getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
        assertThat(source.endpoints()).extracting(HttpEndpoint::id).containsExactly("a", "b");
        assertThat(source.options().requestTimeout()).isEqualTo(HttpPollingSourceOptions.DEFAULT_REQUEST_TIMEOUT);
        assertThat(source.options().maxBodyBytes()).isEqualTo(HttpPollingSourceOptions.DEFAULT_MAX_BODY_BYTES);
        assertThat(source.getProducedType()).isEqualTo(new StringLinesDeserializer().getProducedType());
    }

    @Test
    void aPollLimitOrAnEndOfSequenceStatusMakesTheSourceBounded() {
        assertThat(builder().setStopAfterPolls(3).build().getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        assertThat(builder().setEndOfSequenceStatuses(410).build().getBoundedness())
                .isEqualTo(Boundedness.BOUNDED);
    }

    @Test
    void rejectsMissingEndpointsAndDeserializer() {
        assertThatThrownBy(() -> HttpPollingSource.<String>builder()
                        .setDeserializer(new StringLinesDeserializer())
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("addEndpoint");
        assertThatThrownBy(() -> HttpPollingSource.<String>builder()
                        .addEndpoint(endpoint("a"))
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("setDeserializer");
    }

    @Test
    void rejectsDuplicateEndpointIds() {
        assertThatThrownBy(() -> builder().addEndpoint(endpoint("a")).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Duplicate endpoint id 'a'");
    }

    @Test
    void rejectsOutOfRangeOptions() {
        assertThatThrownBy(() -> builder().setRequestTimeout(Duration.ZERO).build())
                .hasMessageContaining("requestTimeout");
        assertThatThrownBy(() -> builder().setMaxBodyBytes(0).build()).hasMessageContaining("maxBodyBytes");
        assertThatThrownBy(() -> builder()
                        .setBackoff(Duration.ofSeconds(10), Duration.ofSeconds(1))
                        .build())
                .hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> builder().setStopAfterPolls(0).build()).hasMessageContaining("stopAfterPolls");
        assertThatThrownBy(() -> builder().setMaxConnectionsPerHost(0).build())
                .hasMessageContaining("maxConnectionsPerHost");
        assertThatThrownBy(() -> builder().setEndOfSequenceStatuses(304).build())
                .hasMessageContaining("end-of-sequence");
        assertThatThrownBy(() -> builder().setEndOfSequenceStatuses(200).build())
                .hasMessageContaining("end-of-sequence");
    }

    @Test
    void rejectsInvalidEndpoints() {
        assertThatThrownBy(() -> new HttpEndpoint("x", URI.create("ftp://example.org/f"), Duration.ofSeconds(1)))
                .hasMessageContaining("http(s)");
        assertThatThrownBy(() -> new HttpEndpoint("x", URI.create("/relative"), Duration.ofSeconds(1)))
                .hasMessageContaining("http(s)");
        assertThatThrownBy(() -> new HttpEndpoint(" ", URI.create("http://example.org/"), Duration.ofSeconds(1)))
                .hasMessageContaining("blank");
        assertThatThrownBy(() -> new HttpEndpoint("x", URI.create("http://example.org/"), Duration.ZERO))
                .hasMessageContaining("positive poll interval");
    }

    @Test
    void secretsNeverAppearInToString() {
        HttpPollingSource<String> source = HttpPollingSource.<String>builder()
                .addEndpoint(endpointWithApiKey("a", "endpoint-key-123"))
                .setHeader("X-Api-Key", "global-key-456")
                .setAuthentication(HttpAuthentication.oauth2ClientCredentials(
                        URI.create("https://auth.example.org/token"), "client", "client-secret-789", "read"))
                .setDeserializer(new StringLinesDeserializer())
                .build();

        String described = source.endpoints() + " " + source.options();

        assertThat(described)
                .contains("X-Api-Key", "client", "auth.example.org")
                .doesNotContain("endpoint-key-123", "global-key-456", "client-secret-789");
        assertThat(HttpAuthentication.bearerToken("bearer-token-000").toString())
                .doesNotContain("bearer-token-000");
    }

    private static HttpPollingSourceBuilder<String> builder() {
        return HttpPollingSource.<String>builder()
                .addEndpoint(endpoint("a"))
                .setDeserializer(new StringLinesDeserializer());
    }
}
