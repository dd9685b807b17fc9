/** Per-area statistics: {@link org.velibstream.job.stats.AreaStatsFunction} emits one
 * {@link org.velibstream.job.stats.AreaStats} row per system, area and event-time window. */
package org.velibstream.job.stats;
