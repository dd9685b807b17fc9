package org.velibstream.source.http;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One URL polled by the source, and the unit of work distribution: each endpoint becomes one split.
 *
 * @param id stable identifier, unique within a source; it names the split, its checkpointed state and its metrics
 * @param uri absolute http or https URI
 * @param pollInterval time between the starts of two successful polls
 * @param headers extra request headers for this endpoint only (for example an API key); values are never logged
 */
public record HttpEndpoint(String id, URI uri, Duration pollInterval, Map<String, String> headers)
        implements Serializable {

    public HttpEndpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(headers, "headers");
        if (id.isBlank()) {
            throw new IllegalArgumentException("Endpoint id must not be blank");
        }
        String scheme = uri.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || uri.getHost() == null) {
            throw new IllegalArgumentException("Endpoint " + id + " needs an absolute http(s) URI, got " + uri);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException(
                    "Endpoint " + id + " needs a positive poll interval, got " + pollInterval);
        }
        headers = Map.copyOf(headers);
    }

    public HttpEndpoint(String id, URI uri, Duration pollInterval) {
        this(id, uri, pollInterval, Map.of());
    }

    /** Header values may be credentials, so only their names are shown. */
    @Override
    public String toString() {
        return "HttpEndpoint{id=" + id + ", uri=" + uri + ", pollInterval=" + pollInterval + ", headers="
                + headers.keySet() + "}";
    }
}
