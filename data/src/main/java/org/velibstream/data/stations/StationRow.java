package org.velibstream.data.stations;

import java.io.Serializable;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * One row of {@code data/stations.csv}: a station, where it is and which postal area it belongs to.
 *
 * @param stationCode Vélib's {@code stationCode} (the feed's {@code station_id} for systems without codes)
 * @param stationId the feed's {@code station_id}
 * @param capacity the number of docks; null when the feed gives none
 * @param postalCode the postal code, or {@link #UNKNOWN_POSTAL_CODE} for a station outside every known area
 * @param inseeCode the INSEE code of the commune (751xx, the arrondissement, in Paris); null when unknown
 * @param commune the commune's name; null when unknown
 */
public record StationRow(
        String stationCode,
        String stationId,
        String name,
        Coordinates coordinates,
        @Nullable Integer capacity,
        String postalCode,
        @Nullable String inseeCode,
        @Nullable String commune)
        implements Serializable {

    public static final String UNKNOWN_POSTAL_CODE = "UNKNOWN";

    public StationRow {
        Objects.requireNonNull(stationCode, "stationCode");
        Objects.requireNonNull(stationId, "stationId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(coordinates, "coordinates");
        Objects.requireNonNull(postalCode, "postalCode");
    }

    public boolean hasKnownPostalCode() {
        return !postalCode.equals(UNKNOWN_POSTAL_CODE);
    }
}
