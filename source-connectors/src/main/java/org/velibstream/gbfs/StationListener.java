package org.velibstream.gbfs;

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
}
