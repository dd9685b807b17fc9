package org.velibstream.source.http.reader;

import org.velibstream.source.http.PolledResponse;

import javax.annotation.Nullable;

import java.util.Objects;

/**
 * What one poll of one endpoint produced. The split reader hands every outcome to the record emitter, which alone
 * updates the checkpointed split state, so that state always matches what was emitted.
 */
public sealed interface PollOutcome {

    /** A 2xx response and its complete body. */
    record Fetched(PolledResponse response, @Nullable String etag, @Nullable String lastModified, String bodySha256)
            implements PollOutcome {
        public Fetched {
            Objects.requireNonNull(response, "response");
            Objects.requireNonNull(bodySha256, "bodySha256");
        }
    }

    /** 304: the last emitted response is still current. */
    record NotModified(@Nullable String etag, @Nullable String lastModified) implements PollOutcome {}

    /** The endpoint answered one of the configured end-of-sequence statuses; its split finishes. */
    record EndOfSequence(int statusCode) implements PollOutcome {}

    /** The poll failed; the endpoint is retried with backoff. */
    record Failed(FailureKind kind, String reason) implements PollOutcome {
        public Failed {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
