/** Station anomaly alerts: {@link org.velibstream.job.alerts.StationAlertDetector} opens and resolves
 * {@link org.velibstream.job.alerts.StationAlert}s, with the limits of {@link org.velibstream.job.alerts.AlertThresholds}. */
package org.velibstream.job.alerts;
