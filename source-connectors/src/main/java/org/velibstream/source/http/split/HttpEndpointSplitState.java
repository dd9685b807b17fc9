package org.velibstream.source.http.split;

import javax.annotation.Nullable;
import org.velibstream.source.http.HttpEndpoint;

/**
 * The mutable form of a {@link HttpEndpointSplit}, updated by the record emitter as responses are emitted, so a
 * checkpoint always describes what was emitted, never what was merely fetched.
 */
public final class HttpEndpointSplitState {

    private final HttpEndpoint endpoint;

    @Nullable
    private String etag;

    @Nullable
    private String lastModified;

    @Nullable
    private String bodySha256;

    private long polls;

    public HttpEndpointSplitState(HttpEndpointSplit split) {
        this.endpoint = split.endpoint();
        this.etag = split.etag();
        this.lastModified = split.lastModified();
        this.bodySha256 = split.bodySha256();
        this.polls = split.polls();
    }

    public String endpointId() {
        return endpoint.id();
    }

    public HttpEndpoint endpoint() {
        return endpoint;
    }

    @Nullable
    public String bodySha256() {
        return bodySha256;
    }

    public void recordPoll() {
        polls++;
    }

    /** A response with a body was handled: its validators replace the previous ones, even absent ones. */
    public void recordBody(@Nullable String etag, @Nullable String lastModified, String bodySha256) {
        this.etag = etag;
        this.lastModified = lastModified;
        this.bodySha256 = bodySha256;
    }

    /** A 304 may carry refreshed validators; when it carries none, the previous ones still hold. */
    public void recordNotModified(@Nullable String etag, @Nullable String lastModified) {
        if (etag != null) {
            this.etag = etag;
        }
        if (lastModified != null) {
            this.lastModified = lastModified;
        }
    }

    public HttpEndpointSplit toSplit() {
        return new HttpEndpointSplit(endpoint, etag, lastModified, bodySha256, polls);
    }
}
