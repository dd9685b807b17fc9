package org.velibstream.replay;

import java.util.Objects;
import javax.annotation.Nullable;
import org.velibstream.data.stations.Coordinates;

/**
 * A station of the simulated system: a row of the station table and the traits the model drew for it.
 *
 * @param index the station's position in the table, which keys its random draws
 * @param stationId the feed's {@code station_id} (64-bit in Vélib'), shifted for systems after the first
 * @param declaredCapacity the capacity the table gives, written as is to {@code station_information} (0 included)
 * @param capacity the docks the model uses: the declared capacity, or the table's median where it is 0 or missing
 * @param businessScore from -1 (residential: loses bikes in the morning) to 1 (business: gains them)
 * @param baseFill the share of usable docks holding a bike at night
 * @param ebikeShare the share of its bikes that are electric
 * @param brokenDocks docks out of service, counted neither as bikes nor as free docks
 * @param postCode the table's postal code, which dialects with {@code post_code} serve and whose department is the
 *     station's region ({@link SimulatedRegions}); null when the table knows none
 */
public record SimulatedStation(
        int index,
        String stationId,
        String stationCode,
        String name,
        Coordinates coordinates,
        @Nullable Integer declaredCapacity,
        int capacity,
        double businessScore,
        double baseFill,
        double ebikeShare,
        int brokenDocks,
        @Nullable String postCode) {

    public SimulatedStation {
        Objects.requireNonNull(stationId, "stationId");
        Objects.requireNonNull(stationCode, "stationCode");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(coordinates, "coordinates");
        if (capacity <= brokenDocks) {
            throw new IllegalArgumentException(
                    "station " + stationCode + " needs usable docks: capacity " + capacity + ", broken " + brokenDocks);
        }
    }

    /** The station's {@code region_id}: the department of its postal code; null without one. */
    @Nullable
    public String regionId() {
        return postCode == null ? null : SimulatedRegions.regionOf(postCode);
    }

    /** The docks that can hold a bike. */
    public int usableDocks() {
        return capacity - brokenDocks;
    }
}
