package org.velibstream.job.model;

import java.util.EnumSet;
import java.util.Set;
import javax.annotation.Nullable;
import org.velibstream.gbfs.Inconsistency;
import org.velibstream.gbfs.StationStatus;

/**
 * The one rule of which station counts cannot be true, shared by the statistics (which leave such a station's
 * numbers out of their sums) and the alerts (which report it as {@code INCONSISTENT} and do not judge its counts).
 *
 * <p>An observation's counts are impossible when they contradict themselves, which the decoder flags:
 * {@link Inconsistency#NEGATIVE_BIKES NEGATIVE_BIKES}, {@link Inconsistency#NEGATIVE_DOCKS NEGATIVE_DOCKS},
 * {@link Inconsistency#NEGATIVE_BIKE_TYPE_COUNT NEGATIVE_BIKE_TYPE_COUNT} or
 * {@link Inconsistency#BIKE_TYPES_DO_NOT_SUM_TO_TOTAL BIKE_TYPES_DO_NOT_SUM_TO_TOTAL}.
 *
 * <p>Not impossible:
 * <ul>
 *   <li><b>Counts above the capacity.</b> The capacity comes from another feed or from a table, and is the number
 *       that goes stale. Measured on the recordings of {@code ../shared/data}: bikes + docks exceed the same
 *       moment's capacity on 7 of 1425 Vélib' stations (2022) and 13 of 1473 (2024), by 1 to 24 (bikes parked in
 *       overflow: 38 bikes, 0 docks at a 25-dock station), and on 3,144 of 190,380 Bay Wheels entries (122 of its
 *       500 stations, by 1 to 5). More free docks than the capacity never happens with the same moment's capacity
 *       (0 in both Vélib' snapshots, two opendata exports, 13,830 hourly rows, all of Bay Wheels), but does with a
 *       capacity of another date: the 2022 statuses against the 2024 capacities (those of {@code data/stations.csv})
 *       give 9 of 1380 stations, by 1 to 43. Leaving such a station out would lose its true counts because a table
 *       is old; {@link #docksBeyondCapacity} names the disagreement, which the {@code INCONSISTENT} alert reports.
 *   <li>{@link Inconsistency#DUPLICATE_FIELDS_DISAGREE DUPLICATE_FIELDS_DISAGREE}: the decoder keeps the standard
 *       snake_case count, which the checks above judge like any other.
 *   <li>{@link Inconsistency#REPORTED_AFTER_FEED_UPDATE REPORTED_AFTER_FEED_UPDATE},
 *       {@link Inconsistency#IMPLAUSIBLE_LAST_REPORTED IMPLAUSIBLE_LAST_REPORTED}: a clock is wrong, the counts are not.
 * </ul>
 */
public final class ImpossibleCounts {

    private static final Set<Inconsistency> IMPOSSIBLE_FLAGS = EnumSet.of(
            Inconsistency.NEGATIVE_BIKES,
            Inconsistency.NEGATIVE_DOCKS,
            Inconsistency.NEGATIVE_BIKE_TYPE_COUNT,
            Inconsistency.BIKE_TYPES_DO_NOT_SUM_TO_TOTAL);

    private ImpossibleCounts() {}

    /** True when the counts of {@code observation} cannot be true (see the class comment). */
    public static boolean in(StationObservation observation) {
        for (Inconsistency flag : observation.status().inconsistencies()) {
            if (IMPOSSIBLE_FLAGS.contains(flag)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The station's counts disagree with its known capacity: more free docks than docks, for example
     * {@code "docks 38 exceed capacity 35"}; null when they agree or the capacity is unknown. Not impossible counts
     * (the capacity may be the stale number), but an inconsistency between two sources worth an alert.
     */
    @Nullable
    public static String docksBeyondCapacity(StationObservation observation) {
        Integer capacity = observation.knownCapacity();
        StationStatus status = observation.status();
        if (capacity == null || status.docksAvailable() <= capacity) {
            return null;
        }
        return "docks " + status.docksAvailable() + " exceed capacity " + capacity;
    }
}
