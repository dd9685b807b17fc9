package org.velibstream.job.model;

import java.time.Instant;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * What {@link FeedRemovalTracker} reads: an observation from a feed document, or the announcement that the document
 * of {@code documentAt} exists, for one bucket of the system's stations ({@link AnnounceFeedDocuments}). An
 * announcement carries no station: it never leaves the tracker and is never counted as an observation.
 *
 * @param systemId the bike-share system
 * @param bucket the bucket of the observation's station, or the bucket announced
 * @param documentAt the time of the feed document ({@code observedAt} of its observations)
 * @param observation the observation; null for an announcement
 */
public record TrackerInput(
        String systemId,
        int bucket,
        Instant documentAt,
        @Nullable StationObservation observation) {

    public TrackerInput {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(documentAt, "documentAt");
    }

    /** {@code observation}, in its station's bucket. */
    public static TrackerInput of(StationObservation observation) {
        return new TrackerInput(
                observation.systemId(),
                SystemBucket.bucketOf(observation.stationKey()),
                observation.observedAt(),
                observation);
    }

    /** The announcement, to {@code bucket} of {@code systemId}, that the document of {@code documentAt} exists. */
    public static TrackerInput documentSeen(String systemId, int bucket, Instant documentAt) {
        return new TrackerInput(systemId, bucket, documentAt, null);
    }

    /** The tracker's key. */
    public SystemBucket key() {
        return new SystemBucket(systemId, bucket);
    }
}
