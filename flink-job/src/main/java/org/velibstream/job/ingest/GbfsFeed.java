package org.velibstream.job.ingest;

import java.util.Arrays;
import java.util.Optional;

/** The GBFS feeds the job polls, by the names GBFS gives them in {@code gbfs.json} and in their file names. */
public enum GbfsFeed {
    STATION_STATUS("station_status"),
    STATION_INFORMATION("station_information");

    private final String feedName;

    GbfsFeed(String feedName) {
        this.feedName = feedName;
    }

    /** GBFS's name of the feed: {@code station_status}. */
    public String feedName() {
        return feedName;
    }

    /** The feed GBFS calls {@code feedName}; empty for a feed the job does not poll. */
    public static Optional<GbfsFeed> named(String feedName) {
        return Arrays.stream(values())
                .filter(feed -> feed.feedName.equals(feedName))
                .findFirst();
    }

    @Override
    public String toString() {
        return feedName;
    }
}
