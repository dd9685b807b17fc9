package org.velibstream.gbfs;

/**
 * Receives the entries of a decoded feed, in feed order. Every entry ends in exactly one of the two calls.
 *
 * @param <T> the decoded entry type
 */
public interface StationListener<T> {

    void onStation(T station);

    void onRejected(Rejection rejection);
}
