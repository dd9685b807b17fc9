package org.velibstream.source.http;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Endpoints for tests that never reach the network. */
public final class TestEndpoints {

    private TestEndpoints() {}

    public static HttpEndpoint endpoint(String id) {
        return new HttpEndpoint(id, URI.create("http://127.0.0.1:9/" + id), Duration.ofSeconds(30));
    }

    public static HttpEndpoint endpointWithApiKey(String id, String apiKey) {
        return new HttpEndpoint(
                id,
                URI.create("https://example.org/" + id + ".json"),
                Duration.ofSeconds(30),
                Map.of("X-Api-Key", apiKey));
    }
}
