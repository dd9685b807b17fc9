package org.velibstream.job.ingest;

import java.time.Instant;
import java.util.Objects;
import javax.annotation.Nullable;
import org.velibstream.gbfs.StationInformation;
import org.velibstream.gbfs.StationStatus;
import org.velibstream.job.model.DeadLetter;

/**
 * What a source hands to the job: a station status, a station's information, input that could not be decoded, or
 * the health of a polled feed. Exactly one of {@code status}, {@code information}, {@code deadLetter} and
 * {@code health} is set, as {@code kind} says. One type for all four lets each source emit everything it reads, and
 * the job route it with side outputs.
 *
 * @param systemId the bike-share system, for example {@code "velib"}
 * @param observedAt event time: the document's {@code last_updated}, else the record's or the fetch's time; for feed
 *     health the poll's time, which never moves the watermark
 * @param feedUpdatedAt the document's {@code last_updated}; null when the input had none
 * @param fromSnapshot true when the status came in a whole station_status document, which lists every station of
 *     the system: only then does a station's absence mean that it was removed
 */
public record FeedItem(
        Kind kind,
        String systemId,
        Instant observedAt,
        @Nullable Instant feedUpdatedAt,
        boolean fromSnapshot,
        @Nullable StationStatus status,
        @Nullable StationInformation information,
        @Nullable DeadLetter deadLetter,
        @Nullable FeedHealth health) {

    public enum Kind {
        STATUS,
        INFORMATION,
        DEAD_LETTER,
        FEED_HEALTH
    }

    public FeedItem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(observedAt, "observedAt");
        int payloads = (status != null ? 1 : 0)
                + (information != null ? 1 : 0)
                + (deadLetter != null ? 1 : 0)
                + (health != null ? 1 : 0);
        boolean consistent = payloads == 1
                && switch (kind) {
                    case STATUS -> status != null;
                    case INFORMATION -> information != null;
                    case DEAD_LETTER -> deadLetter != null;
                    case FEED_HEALTH -> health != null;
                };
        if (!consistent) {
            throw new IllegalArgumentException("A " + kind + " item must carry exactly its own payload");
        }
    }

    public static FeedItem status(
            String systemId,
            StationStatus status,
            Instant observedAt,
            @Nullable Instant feedUpdatedAt,
            boolean fromSnapshot) {
        return new FeedItem(Kind.STATUS, systemId, observedAt, feedUpdatedAt, fromSnapshot, status, null, null, null);
    }

    public static FeedItem information(String systemId, StationInformation information, Instant observedAt) {
        return new FeedItem(Kind.INFORMATION, systemId, observedAt, null, false, null, information, null, null);
    }

    public static FeedItem deadLetter(String systemId, DeadLetter deadLetter) {
        return new FeedItem(
                Kind.DEAD_LETTER, systemId, deadLetter.receivedAt(), null, false, null, null, deadLetter, null);
    }

    /** {@code observedAt} is the poll time: not event time (see {@link FeedWatermarks}). */
    public static FeedItem health(FeedHealth health) {
        return new FeedItem(
                Kind.FEED_HEALTH, health.systemId(), health.polledAt(), null, false, null, null, null, health);
    }
}
