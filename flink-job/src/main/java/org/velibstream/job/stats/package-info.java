/** Per-postal-code statistics: {@link org.velibstream.job.stats.PostalCodeStatsFunction} emits one
 * {@link org.velibstream.job.stats.PostalCodeStats} row per postal code and event-time window. */
package org.velibstream.job.stats;
