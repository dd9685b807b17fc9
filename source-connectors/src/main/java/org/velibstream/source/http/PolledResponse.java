package org.velibstream.source.http;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A successful HTTP response with a body, as handed to an {@link HttpResponseDeserializer}.
 *
 * @param endpointId the id of the endpoint (the split) that was polled
 * @param uri the URI that was requested
 * @param statusCode the HTTP status (2xx)
 * @param headers response headers, names in lower case
 * @param body the response body, complete and within the configured size cap
 * @param fetchedAt when the response was received
 */
public record PolledResponse(
        String endpointId, URI uri, int statusCode, Map<String, String> headers, byte[] body, Instant fetchedAt) {

    public PolledResponse {
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
    }
}
