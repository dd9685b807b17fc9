package org.velibstream.job.ingest;

import java.io.Serializable;
import java.util.Objects;

/**
 * Which system and feed a polled endpoint serves: the id of its source split, written {@code velib/station_status}.
 * That text is stored in checkpoints (the splits' state), so {@link #toString()} and {@link #parse} must keep it.
 */
public record GbfsEndpointId(String systemId, GbfsFeed feed) implements Serializable {

    private static final long serialVersionUID = 1L;

    public GbfsEndpointId {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(feed, "feed");
        if (systemId.isEmpty() || systemId.indexOf('/') >= 0) {
            throw new IllegalArgumentException("A system id is not empty and has no '/', got '" + systemId + "'");
        }
    }

    /**
     * Reads {@code system/feed}. A system id has no {@code '/'}, so the last one separates.
     *
     * @throws IllegalArgumentException when the text is not a system id, a slash and a feed the job polls
     */
    public static GbfsEndpointId parse(String endpointId) {
        int slash = endpointId.lastIndexOf('/');
        GbfsFeed feed = GbfsFeed.named(endpointId.substring(slash + 1)).orElse(null);
        if (slash <= 0 || feed == null) {
            throw new IllegalArgumentException(
                    "Expected an endpoint id like velib/station_status, got '" + endpointId + "'");
        }
        return new GbfsEndpointId(endpointId.substring(0, slash), feed);
    }

    /** {@code velib/station_status}: the split id, as {@link #parse} reads it. */
    @Override
    public String toString() {
        return systemId + '/' + feed.feedName();
    }
}
