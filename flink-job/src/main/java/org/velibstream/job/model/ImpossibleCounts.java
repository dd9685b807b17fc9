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
 * <p>An observation's counts are impossible when the decoder flagged
 * {@link Inconsistency#NEGATIVE_BIKES NEGATIVE_BIKES}, {@link Inconsistency#NEGATIVE_DOCKS NEGATIVE_DOCKS},
 * {@link Inconsistency#NEGATIVE_BIKE_TYPE_COUNT NEGATIVE_BIKE_TYPE_COUNT} or
 * {@link Inconsistency#BIKE_TYPES_DO_NOT_SUM_TO_TOTAL BIKE_TYPES_DO_NOT_SUM_TO_TOTAL}, or when the station reports
 * more free docks than its known capacity (more free docks than it has docks).
 *
 * <p>Not impossible:
 * <ul>
 *   <li><b>bikes + docks above the capacity.</b> Real, healthy stations do it: in the recordings of
 *       {@code /work/shared/data}, 7 of 1425 Vélib' stations (2022) and 13 of 1473 (2024) with capacity, by 1 to 24
 *       (bikes parked in overflow: 38 bikes, 0 docks at a 25-dock station), and 3,144 of 190,380 Bay Wheels entries
 *       (122 of its 500 stations on some poll, by 1 to 5, with the same day's capacity). No recording has more free
 *       docks than capacity, and no negative count.
 *   <li>{@link Inconsistency#DUPLICATE_FIELDS_DISAGREE DUPLICATE_FIELDS_DISAGREE}: the decoder keeps the standard
 *       snake_case count, and that count is held to the checks above like any other.
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
        return docksBeyondCapacity(observation) != null;
    }

    /**
     * What is wrong when the station reports more free docks than its known capacity, for example
     * {@code "docks 38 exceed capacity 35"}; null when it does not or its capacity is unknown.
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
