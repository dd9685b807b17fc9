package org.velibstream.source.http;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A poll the endpoint answered usefully, as handed to {@link HttpResponseDeserializer#pollSucceeded}: a 2xx, whether
 * its body changed or not, or a 304.
 *
 * @param endpointId the id of the endpoint (the split) that was polled
 * @param uri the URI that was requested
 * @param statusCode the HTTP status: 2xx or 304
 * @param receivedAt when the response was received
 */
public record PollSuccess(String endpointId, URI uri, int statusCode, Instant receivedAt) {

    public PollSuccess {
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
