package org.velibstream.job.ingest;

import org.velibstream.gbfs.StationInformation;
import org.velibstream.gbfs.StationStatus;
import org.velibstream.job.model.DeadLetter;

import javax.annotation.Nullable;

import java.time.Instant;
import java.util.Objects;

/**
 * What a source hands to the job: a station status, a station's information, or input that could not be decoded.
 * Exactly one of {@code status}, {@code information} and {@code deadLetter} is set, as {@code kind} says. One type for
 * all three lets each source emit everything it reads, and the job route it with side outputs.
 *
 * @param systemId the bike-share system, for example {@code "velib"}
 * @param observedAt event time: the document's {@code last_updated}, else the record's or the fetch's time
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
        @Nullable DeadLetter deadLetter) {

    public enum Kind {
        STATUS,
        INFORMATION,
        DEAD_LETTER
    }

    public FeedItem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(observedAt, "observedAt");
        boolean consistent = switch (kind) {
            case STATUS -> status != null && information == null && deadLetter == null;
            case INFORMATION -> status == null && information != null && deadLetter == null;
            case DEAD_LETTER -> status == null && information == null && deadLetter != null;
        };
        if (!consistent) {
            throw new IllegalArgumentException("A " + kind + " item must carry exactly its own payload");
        }
    }

    public static FeedItem status(
            String systemId, StationStatus status, Instant observedAt, @Nullable Instant feedUpdatedAt, boolean fromSnapshot) {
        return new FeedItem(Kind.STATUS, systemId, observedAt, feedUpdatedAt, fromSnapshot, status, null, null);
    }

    public static FeedItem information(String systemId, StationInformation information, Instant observedAt) {
        return new FeedItem(Kind.INFORMATION, systemId, observedAt, null, false, null, information, null);
    }

    public static FeedItem deadLetter(String systemId, DeadLetter deadLetter) {
        return new FeedItem(Kind.DEAD_LETTER, systemId, deadLetter.receivedAt(), null, false, null, null, deadLetter);
    }
}
