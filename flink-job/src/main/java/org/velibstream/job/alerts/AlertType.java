package org.velibstream.job.alerts;

/** What is wrong with a station. {@link StationAlertDetector} documents when each type opens and resolves. */
public enum AlertType {
    EMPTY,
    FULL,
    STALE,
    OFFLINE,
    SUDDEN_DROP,
    INCONSISTENT
}
