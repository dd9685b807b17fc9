package org.velibstream.job.alerts;

/** Whether a {@link StationAlert} reports a condition that started, or one that ended. */
public enum AlertState {
    OPEN,
    RESOLVED
}
