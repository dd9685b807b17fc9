package org.velibstream.source.http;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import org.velibstream.source.http.reader.FailureKind;

/**
 * A poll that produced no usable response, as handed to {@link HttpResponseDeserializer#pollFailed}.
 *
 * @param endpointId the id of the endpoint (the split) that was polled
 * @param uri the URI that was requested; never carries the endpoint's headers or credentials
 * @param kind why the poll failed
 * @param reason the status or the exception, for a person; no header value or token ever appears in it
 * @param startedAt when the failed poll started, so a poll that hung until the request timeout dates from its start
 * @param consecutiveFailures the endpoint's failures in a row, this one included (it restarts at 1 after a restore)
 */
public record PollFailure(
        String endpointId, URI uri, FailureKind kind, String reason, Instant startedAt, int consecutiveFailures) {

    public PollFailure {
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(startedAt, "startedAt");
        if (consecutiveFailures < 1) {
            throw new IllegalArgumentException("consecutiveFailures must be at least 1, got " + consecutiveFailures);
        }
    }
}
