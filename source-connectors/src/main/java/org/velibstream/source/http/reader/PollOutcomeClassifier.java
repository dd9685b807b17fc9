package org.velibstream.source.http.reader;

import java.net.SocketTimeoutException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.velibstream.source.http.PolledResponse;
import org.velibstream.source.http.auth.AuthenticationException;

/**
 * Turns what one poll produced, a complete response or an exception, into the {@link PollOutcome} the record emitter
 * acts on. Pure: it decides nothing about when to poll again and touches no state.
 */
final class PollOutcomeClassifier {

    private final Set<Integer> endOfSequenceStatuses;

    /** @param endOfSequenceStatuses statuses that end an endpoint's recorded sequence (bounded mode) */
    PollOutcomeClassifier(Set<Integer> endOfSequenceStatuses) {
        this.endOfSequenceStatuses = Set.copyOf(endOfSequenceStatuses);
    }

    /**
     * Classifies a complete response: 2xx is a document, 304 not modified, an end-of-sequence status ends the
     * endpoint, 429 is rate limiting, any other 4xx an HTTP 4xx failure and everything else an HTTP 5xx failure.
     *
     * @param failuresBefore the endpoint's failures in a row before this poll
     */
    PollOutcome classify(
            String endpointId,
            URI uri,
            CappedBodyConsumer.Response response,
            Instant startedAt,
            Instant receivedAt,
            int failuresBefore) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            PolledResponse polled =
                    new PolledResponse(endpointId, uri, status, response.headers(), response.body(), receivedAt);
            return new PollOutcome.Fetched(
                    polled, response.header("etag"), response.header("last-modified"), sha256(response.body()));
        }
        if (status == 304) {
            return new PollOutcome.NotModified(response.header("etag"), response.header("last-modified"), receivedAt);
        }
        if (endOfSequenceStatuses.contains(status)) {
            return new PollOutcome.EndOfSequence(status);
        }
        FailureKind kind;
        if (status == 429) {
            kind = FailureKind.RATE_LIMITED;
        } else if (status >= 400 && status < 500) {
            kind = FailureKind.HTTP_4XX;
        } else {
            kind = FailureKind.HTTP_5XX;
        }
        return new PollOutcome.Failed(kind, "HTTP " + status, startedAt, failuresBefore + 1);
    }

    /**
     * Classifies a poll that produced no response: an oversized body, no credentials, a timeout (connecting, waiting
     * for a connection or data, or the whole exchange), and anything else (refused, reset, truncated, TLS) as a
     * connection failure. The reason names the exception and its message, which carry no secrets.
     */
    static PollOutcome.Failed classify(Throwable failure, Instant startedAt, int failuresBefore) {
        FailureKind kind;
        if (failure instanceof BodyTooLargeException) {
            kind = FailureKind.TOO_LARGE;
        } else if (failure instanceof AuthenticationException) {
            kind = FailureKind.AUTH;
        } else if (failure instanceof TimeoutException
                || failure instanceof SocketTimeoutException
                || failure instanceof ConnectionRequestTimeoutException
                || failure instanceof ConnectTimeoutException) {
            kind = FailureKind.TIMEOUT;
        } else {
            kind = FailureKind.CONNECT;
        }
        return new PollOutcome.Failed(
                kind, failure.getClass().getSimpleName() + ": " + failure.getMessage(), startedAt, failuresBefore + 1);
    }

    /** The hash by which the record emitter recognises a body identical to the last emitted one. */
    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM must provide SHA-256", e);
        }
    }
}
