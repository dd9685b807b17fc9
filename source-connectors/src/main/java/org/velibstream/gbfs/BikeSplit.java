package org.velibstream.gbfs;

import javax.annotation.Nullable;

/**
 * How a station's available bikes split into mechanical bikes and e-bikes, resolved from whichever of the three
 * forms real feeds use gives an answer. Kept apart from the decoder because the order of precedence is a decision of
 * its own: the standard form names every vehicle type, so it wins when the system's vehicle types are known; Vélib's
 * form counts both kinds; Lyft's {@code num_ebikes_available} counts only e-bikes, the rest being mechanical.
 *
 * @param mechanical mechanical bikes; null when no form tells
 * @param ebikes e-bikes; null when no form tells
 */
record BikeSplit(@Nullable Integer mechanical, @Nullable Integer ebikes) {

    private static final BikeSplit UNKNOWN = new BikeSplit(null, null);

    /**
     * @param vehicleTypes the counts of {@code vehicle_types_available}, placed through the system's vehicle types
     * @param velibTypes the counts of Vélib's {@code num_bikes_available_types}
     * @param ebikesAvailable Lyft's {@code num_ebikes_available}; null when absent
     * @param bikesAvailable the station's available bikes, all kinds
     */
    static BikeSplit resolve(
            BikeTypeCounts vehicleTypes,
            BikeTypeCounts velibTypes,
            @Nullable Integer ebikesAvailable,
            int bikesAvailable) {
        if (vehicleTypes.isKnown()) {
            return of(vehicleTypes);
        }
        if (velibTypes.isKnown()) {
            return of(velibTypes);
        }
        if (ebikesAvailable != null) {
            // Subtracted as given, even when it goes negative: flagged, and the sums still equal the feed's total.
            return new BikeSplit(bikesAvailable - ebikesAvailable, ebikesAvailable);
        }
        return UNKNOWN;
    }

    private static BikeSplit of(BikeTypeCounts counts) {
        return new BikeSplit(counts.count(BikeType.MECHANICAL), counts.count(BikeType.EBIKE));
    }

    boolean isKnown() {
        return mechanical != null && ebikes != null;
    }

    boolean anyNegative() {
        return isKnown() && (mechanical < 0 || ebikes < 0);
    }

    /** Mechanical bikes plus e-bikes; only meaningful when {@link #isKnown()}. */
    long sum() {
        return isKnown() ? (long) mechanical + ebikes : 0;
    }
}
