package org.velibstream.job.ingest;

import java.util.Arrays;
import java.util.Optional;

/**
 * The GBFS feeds the job reads, by the names GBFS gives them in {@code gbfs.json} and in their file names: the two
 * station feeds it polls, and the system's feeds it reads when the job is built ({@link GbfsSystemProfile}).
 */
public enum GbfsFeed {
    STATION_STATUS("station_status"),
    STATION_INFORMATION("station_information"),
    SYSTEM_INFORMATION("system_information"),
    SYSTEM_REGIONS("system_regions"),
    VEHICLE_TYPES("vehicle_types");

    private final String feedName;

    GbfsFeed(String feedName) {
        this.feedName = feedName;
    }

    /** GBFS's name of the feed: {@code station_status}. */
    public String feedName() {
        return feedName;
    }

    /** The feed GBFS calls {@code feedName}; empty for a feed the job does not read. */
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
