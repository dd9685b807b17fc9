/**
 * The job's per-station event, {@link org.velibstream.job.model.StationObservation}, and the operator that turns
 * stations disappearing from the feed into tombstones, {@link org.velibstream.job.model.FeedRemovalTracker}, by
 * buckets of a system's stations ({@link org.velibstream.job.model.SystemBucket}) that
 * {@link org.velibstream.job.model.AnnounceFeedDocuments} tells of every document.
 *
 * <p>Where these operators sit in the job is {@link org.velibstream.job.VelibPipeline}'s to say (and README's
 * diagram). Each keeps its state in keyed state and decides with event-time timers, so that a replay and a restore
 * from a checkpoint give the same output as the live run.
 */
package org.velibstream.job.model;
