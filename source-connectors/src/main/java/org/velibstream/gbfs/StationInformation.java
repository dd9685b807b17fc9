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
 */
public record StationInformation(
        String stationId,
        @Nullable String stationCode,
        String name,
        double lat,
        double lon,
        @Nullable Integer capacity) {

    public StationInformation {
        Objects.requireNonNull(stationId, "stationId");
        Objects.requireNonNull(name, "name");
    }

    public String stationKey() {
        return stationCode != null ? stationCode : stationId;
    }
}
