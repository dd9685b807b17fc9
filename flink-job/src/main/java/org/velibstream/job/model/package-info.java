/**
 * The job's per-station event, {@link org.velibstream.job.model.StationObservation}, and the operator that turns
 * stations disappearing from the feed into tombstones, {@link org.velibstream.job.model.FeedRemovalTracker}.
 *
 * <p>The operators of this module are meant to run in this order:
 * <pre>{@code
 * observations (timestamps and watermarks assigned)
 *     .keyBy(StationObservation::systemId).process(new FeedRemovalTracker())       uid FeedRemovalTracker.UID
 *     ├─ .keyBy(StationObservation::postalCode).process(new PostalCodeStatsFunction(size))
 *     └─ .keyBy(StationObservation::stationKey).process(new StationAlertDetector(thresholds))
 * }</pre>
 * Each keeps its state in keyed state and decides with event-time timers, so that a replay and a restore from a
 * checkpoint give the same output as the live run.
 */
package org.velibstream.job.model;
