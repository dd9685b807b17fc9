package org.velibstream.source.http.split;

import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.api.connector.source.SourceSplit;
import org.velibstream.source.http.HttpEndpoint;

/**
 * One endpoint and what the source has already emitted from it, as checkpointed.
 *
 * <p>The validators and the body hash describe the last response whose records were emitted, so that after a
 * restore the next poll is conditional on exactly that response: unchanged data is not emitted again and changed
 * data is not skipped.
 *
 * @param endpoint what to poll
 * @param etag ETag of the last emitted response, sent back as {@code If-None-Match}
 * @param lastModified Last-Modified of the last emitted response, sent back as {@code If-Modified-Since}
 * @param bodySha256 hex SHA-256 of the last emitted body; an identical body is not emitted again
 * @param polls polls completed so far, whatever their outcome; bounded sources stop at a configured count
 */
public record HttpEndpointSplit(
        HttpEndpoint endpoint,
        @Nullable String etag,
        @Nullable String lastModified,
        @Nullable String bodySha256,
        long polls)
        implements SourceSplit {

    public HttpEndpointSplit {
        Objects.requireNonNull(endpoint, "endpoint");
        if (polls < 0) {
            throw new IllegalArgumentException("polls must not be negative, got " + polls);
        }
    }

    /** A split that has never been polled. */
    public HttpEndpointSplit(HttpEndpoint endpoint) {
        this(endpoint, null, null, null, 0);
    }

    @Override
    public String splitId() {
        return endpoint.id();
    }
}
