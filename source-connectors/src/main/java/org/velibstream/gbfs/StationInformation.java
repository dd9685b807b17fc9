package org.velibstream.gbfs;

import java.util.Objects;
import javax.annotation.Nullable;

/**
 * One station entry of a GBFS {@code station_information} feed.
 *
 * @param stationId the feed's {@code station_id}, as text
 * @param stationCode Vélib's {@code stationCode}; null when absent
 * @param name the station's name (GBFS 3.0: the first localized name)
 * @param capacity the number of docks; null when absent. Some real feeds say 0 for stations that have docks.
 * @param postCode the feed's {@code post_code}, as the operator wrote it; null when absent (Vélib' and Lyft's
 *     systems have none). The job prefers it to any guess from coordinates.
 * @param regionId the feed's {@code region_id}, a key of the system's {@code system_regions} feed; null when absent
 */
public record StationInformation(
        String stationId,
        @Nullable String stationCode,
        String name,
        double lat,
        double lon,
        @Nullable Integer capacity,
        @Nullable String postCode,
        @Nullable String regionId) {

    public StationInformation {
        Objects.requireNonNull(stationId, "stationId");
        Objects.requireNonNull(name, "name");
    }

    public String stationKey() {
        return stationCode != null ? stationCode : stationId;
    }
}
