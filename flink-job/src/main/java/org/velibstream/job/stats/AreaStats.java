package org.velibstream.job.stats;

import java.time.Instant;
import java.util.Objects;
import javax.annotation.Nullable;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.gbfs.StationStatus;
import org.velibstream.job.model.ImpossibleCounts;
import org.velibstream.job.model.StationObservation;

/**
 * The stations of one area of one bike-share system as of the end of one event-time window: every station known at
 * {@code windowEnd} counted once, with its latest observation before {@code windowEnd}.
 *
 * <p>{@code bikes}, {@code mechanical}, {@code ebike}, {@code docks} and {@code capacity} are sums of the feed's own
 * numbers; an unknown (null or 0) capacity counts as 0. The station counts use these definitions:
 * <ul>
 *   <li><b>empty</b>: installed and 0 bikes available;
 *   <li><b>full</b>: installed and 0 docks available;
 *   <li><b>out of service</b>: not installed, or not renting.
 * </ul>
 * A station may be both empty and out of service, so the three counts do not add up to {@code stations}.
 *
 * <p><b>Impossible counts.</b> A station whose latest observation has counts that cannot be true
 * ({@link ImpossibleCounts}: a negative count, or bike types not adding up to the bikes) is counted in
 * {@code stations} and {@code inconsistentStations}, and in nothing else: not in the bikes, the split, the docks or
 * the capacity, and not as empty, full or out of service, since none of its numbers can be trusted. So every sum is
 * over the {@code stations - inconsistentStations} other stations, and a station whose counts become possible again
 * is summed again from that observation on. The alerts still report it ({@code INCONSISTENT}). Counts above the
 * capacity are summed as they are: real stations park more bikes than they have docks (overflow), and a capacity
 * from another date than the counts is the number in doubt, so {@code bikes + docks} may exceed {@code capacity}.
 *
 * @param systemId the bike-share system, for example {@code "velib"}: two systems may share an area
 * @param areaKind what kind of area {@code area} is: a postal code, a user's polygon, a GBFS region, or unknown
 * @param area the area's code: a postal code, the polygon's code, the region's name, or {@code UNKNOWN}
 * @param windowStart inclusive
 * @param windowEnd exclusive
 * @param mechanical the mechanical bikes; null when the split of any station counted is unknown (never 0 for that)
 * @param ebike the e-bikes; null when the split of any station counted is unknown
 * @param inconsistentStations the stations counted in {@code stations} whose counts are impossible, and left out of
 *     every other column; 0 in rows written before this column existed
 */
public record AreaStats(
        String systemId,
        AreaKind areaKind,
        String area,
        Instant windowStart,
        Instant windowEnd,
        int stations,
        int bikes,
        @Nullable Integer mechanical,
        @Nullable Integer ebike,
        int docks,
        int capacity,
        int emptyStations,
        int fullStations,
        int outOfServiceStations,
        int inconsistentStations) {

    public AreaStats {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(areaKind, "areaKind");
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
    }

    /** Sums the latest observations of the stations present in {@code area} at {@code windowEnd}. */
    public static AreaStats of(
            StatsArea area, Instant windowStart, Instant windowEnd, Iterable<StationObservation> stations) {
        int count = 0, bikes = 0, mechanical = 0, ebike = 0, docks = 0, capacity = 0;
        int empty = 0, full = 0, outOfService = 0, inconsistent = 0;
        boolean splitKnown = true;
        for (StationObservation observation : stations) {
            StationStatus status = observation.status();
            count++;
            if (ImpossibleCounts.in(observation)) {
                inconsistent++;
                continue;
            }
            bikes += status.bikesAvailable();
            if (status.mechanicalBikes() != null && status.ebikes() != null) {
                mechanical += status.mechanicalBikes();
                ebike += status.ebikes();
            } else {
                splitKnown = false;
            }
            docks += status.docksAvailable();
            capacity += zeroIfNull(observation.knownCapacity());
            if (status.installed() && status.bikesAvailable() == 0) {
                empty++;
            }
            if (status.installed() && status.docksAvailable() == 0) {
                full++;
            }
            if (!status.installed() || !status.renting()) {
                outOfService++;
            }
        }
        return new AreaStats(
                area.systemId(),
                area.areaKind(),
                area.area(),
                windowStart,
                windowEnd,
                count,
                bikes,
                splitKnown ? mechanical : null,
                splitKnown ? ebike : null,
                docks,
                capacity,
                empty,
                full,
                outOfService,
                inconsistent);
    }

    private static int zeroIfNull(@Nullable Integer value) {
        return value != null ? value : 0;
    }
}
