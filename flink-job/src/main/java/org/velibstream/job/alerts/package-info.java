/** Alerts: {@link org.velibstream.job.alerts.StationAlertDetector} opens and resolves a station's
 * {@link org.velibstream.job.alerts.StationAlert}s, with the limits of {@link org.velibstream.job.alerts.AlertThresholds};
 * {@link org.velibstream.job.alerts.FeedHealthDetector} those of a whole feed that stopped answering. */
package org.velibstream.job.alerts;
