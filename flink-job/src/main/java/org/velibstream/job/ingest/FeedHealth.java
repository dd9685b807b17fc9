package org.velibstream.job.ingest;

import java.time.Instant;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * How one poll of one feed of a system went: up (the feed answered, with a document or a 304) or down (no usable
 * answer). It is not station data: it carries no event time and never moves the watermark.
 *
 * @param systemId the bike-share system, for example {@code "velib"}
 * @param feed the GBFS feed, for example {@code "station_status"}
 * @param polledAt when the answer arrived (up), or when the failed poll started (down)
 * @param failure why the poll failed, as the source names it ({@code connect}, {@code http5xx}, {@code timeout}...);
 *     null when up
 * @param reason the status or error of a failed poll, for a person; null when up
 */
public record FeedHealth(
        String systemId,
        String feed,
        Instant polledAt,
        @Nullable String failure,
        @Nullable String reason) {

    public FeedHealth {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(polledAt, "polledAt");
        if ((failure == null) != (reason == null)) {
            throw new IllegalArgumentException("A failed poll has both a failure kind and a reason; a success neither");
        }
    }

    public static FeedHealth up(String systemId, String feed, Instant receivedAt) {
        return new FeedHealth(systemId, feed, receivedAt, null, null);
    }

    public static FeedHealth down(String systemId, String feed, Instant startedAt, String failure, String reason) {
        return new FeedHealth(
                systemId,
                feed,
                startedAt,
                Objects.requireNonNull(failure, "failure"),
                Objects.requireNonNull(reason, "reason"));
    }

    public boolean up() {
        return failure == null;
    }

    /** The key of the feed's health state: {@code velib/station_status}. */
    public String feedKey() {
        return systemId + '/' + feed;
    }
}
