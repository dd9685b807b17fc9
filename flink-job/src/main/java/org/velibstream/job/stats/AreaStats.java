package org.velibstream.job.stats;

import java.time.Instant;
import java.util.Objects;
import org.velibstream.gbfs.StationStatus;
import org.velibstream.job.model.StationObservation;

/**
 * The stations of one postal code of one bike-share system as of the end of one event-time window: every station known at
 * {@code windowEnd} counted once, with its latest observation before {@code windowEnd}.
 *
 * <p>{@code bikes}, {@code mechanical}, {@code ebike}, {@code docks} and {@code capacity} are sums of the feed's own
 * numbers; a missing bike-type breakdown and an unknown (null or 0) capacity count as 0. The station counts use
 * these definitions:
 * <ul>
 *   <li><b>empty</b>: installed and 0 bikes available;
 *   <li><b>full</b>: installed and 0 docks available;
 *   <li><b>out of service</b>: not installed, or not renting.
 * </ul>
 * A station may be both empty and out of service, so the three counts do not add up to {@code stations}.
 *
 * @param systemId the bike-share system, for example {@code "velib"}: two systems may share a postal code
 * @param windowStart inclusive
 * @param windowEnd exclusive
 */
public record PostalCodeStats(
        String systemId,
        String postalCode,
        Instant windowStart,
        Instant windowEnd,
        int stations,
        int bikes,
        int mechanical,
        int ebike,
        int docks,
        int capacity,
        int emptyStations,
        int fullStations,
        int outOfServiceStations) {

    public PostalCodeStats {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(postalCode, "postalCode");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
    }

    /** Sums the latest observations of the stations present in {@code area} at {@code windowEnd}. */
    public static PostalCodeStats of(
            PostalArea area, Instant windowStart, Instant windowEnd, Iterable<StationObservation> stations) {
        int count = 0, bikes = 0, mechanical = 0, ebike = 0, docks = 0, capacity = 0;
        int empty = 0, full = 0, outOfService = 0;
        for (StationObservation observation : stations) {
            StationStatus status = observation.status();
            count++;
            bikes += status.bikesAvailable();
            mechanical += zeroIfNull(status.mechanicalBikes());
            ebike += zeroIfNull(status.ebikes());
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
        return new PostalCodeStats(
                area.systemId(),
                area.postalCode(),
                windowStart,
                windowEnd,
                count,
                bikes,
                mechanical,
                ebike,
                docks,
                capacity,
                empty,
                full,
                outOfService);
    }

    private static int zeroIfNull(Integer value) {
        return value != null ? value : 0;
    }
}
