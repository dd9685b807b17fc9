package org.velibstream.source.http.reader;

import java.time.Instant;
import java.util.Objects;
import javax.annotation.Nullable;
import org.velibstream.source.http.PolledResponse;

/**
 * What one poll of one endpoint produced. The split reader hands every outcome to the record emitter, which alone
 * updates the checkpointed split state, so that state always matches what was emitted.
 */
public sealed interface PollOutcome {

    /** A 2xx response and its complete body. */
    record Fetched(
            PolledResponse response,
            @Nullable String etag,
            @Nullable String lastModified,
            String bodySha256) implements PollOutcome {
        public Fetched {
            Objects.requireNonNull(response, "response");
            Objects.requireNonNull(bodySha256, "bodySha256");
        }
    }

    /** 304: the last emitted response is still current. */
    record NotModified(@Nullable String etag, @Nullable String lastModified, Instant receivedAt)
            implements PollOutcome {
        public NotModified {
            Objects.requireNonNull(receivedAt, "receivedAt");
        }
    }

    /** The endpoint answered one of the configured end-of-sequence statuses; its split finishes. */
    record EndOfSequence(int statusCode) implements PollOutcome {}

    /**
     * The poll failed; the endpoint is retried with backoff.
     *
     * @param startedAt when the failed poll started (a poll that hung failed one request timeout later)
     * @param consecutiveFailures the failures in a row of this endpoint, this one included
     */
    record Failed(FailureKind kind, String reason, Instant startedAt, int consecutiveFailures) implements PollOutcome {
        public Failed {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(startedAt, "startedAt");
            if (consecutiveFailures < 1) {
                throw new IllegalArgumentException(
                        "consecutiveFailures must be at least 1, got " + consecutiveFailures);
            }
        }
    }
}
