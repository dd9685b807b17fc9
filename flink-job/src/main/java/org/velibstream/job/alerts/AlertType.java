package org.velibstream.job.alerts;

/**
 * What is wrong with a station, or with a whole feed. {@link StationJudgement} documents when each station type
 * opens and resolves, {@link FeedHealthDetector} {@link #FEED_DOWN}.
 */
public enum AlertType {
    EMPTY,
    FULL,
    STALE,
    OFFLINE,
    SUDDEN_DROP,
    INCONSISTENT,
    /** Every poll of a GBFS feed failed for a while; a feed alert, not a station's. */
    FEED_DOWN
}
