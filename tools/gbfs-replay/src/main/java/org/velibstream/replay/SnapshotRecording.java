package org.velibstream.replay;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One recorded moment of a system: the feed documents recorded together, with their bytes untouched.
 *
 * @param label where the recording came from, for messages (its folder, or its file-name prefix)
 * @param time the moment: the {@code station_status} document's time, else the earliest time of the others
 * @param documents feed name (one of {@link GbfsFeeds#ALL_NAMES}) → recorded document
 */
public record SnapshotRecording(String label, Instant time, Map<String, FeedDocument> documents) {

    public SnapshotRecording {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(time, "time");
        documents = Map.copyOf(documents);
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("A recording holds at least one feed: " + label);
        }
    }
}
