package org.velibstream.job.testing;

import org.velibstream.job.stats.AreaStats;

/**
 * The sums a statistics row is checked on (stations, bikes, the split, docks), for tests that compute them
 * independently from the feeds' JSON and compare.
 */
public record AreaTotals(int stations, int bikes, int mechanical, int ebike, int docks) {

    public static final AreaTotals ZERO = new AreaTotals(0, 0, 0, 0, 0);

    /** A row's totals; an unknown split (null) counts as -1, so that it never passes for a known one. */
    public static AreaTotals of(AreaStats row) {
        return new AreaTotals(
                row.stations(),
                row.bikes(),
                row.mechanical() != null ? row.mechanical() : -1,
                row.ebike() != null ? row.ebike() : -1,
                row.docks());
    }

    public AreaTotals withoutBikeTypes() {
        return new AreaTotals(stations, bikes, 0, 0, docks);
    }

    public AreaTotals plus(AreaTotals other) {
        return new AreaTotals(
                stations + other.stations,
                bikes + other.bikes,
                mechanical + other.mechanical,
                ebike + other.ebike,
                docks + other.docks);
    }
}
