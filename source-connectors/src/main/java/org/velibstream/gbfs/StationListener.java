package org.velibstream.gbfs;

import java.util.List;

/**
 * Receives the entries of a decoded feed, in feed order. Every entry ends in exactly one of the two calls.
 *
 * @param <T> the decoded entry type
 */
public interface StationListener<T> {

    /** Called once, before any entry, when the payload is a whole document: its header, such as its time. */
    default void onDocument(GbfsFeedHeader header) {}

    void onStation(T station);

    void onRejected(Rejection rejection);

    /** A listener that appends to the given lists, for callers that want a whole feed in memory. */
    static <T> StationListener<T> collectingInto(List<? super T> stations, List<? super Rejection> rejections) {
        return new StationListener<>() {
            @Override
            public void onStation(T station) {
                stations.add(station);
            }

            @Override
            public void onRejected(Rejection rejection) {
                rejections.add(rejection);
            }
        };
    }
}
