package org.velibstream.job.stations;

import java.io.Serializable;
import java.util.Objects;
import javax.annotation.Nullable;
import org.velibstream.data.stations.StationRow;

/**
 * Where a station belongs, as {@link StationDirectory} resolved it. Never absent: a station the directory cannot
 * place has the postal code {@link StationRow#UNKNOWN_POSTAL_CODE}.
 *
 * @param postalCode the postal code, or {@code UNKNOWN}
 * @param inseeCode the commune's INSEE code; null when unknown
 * @param commune the commune's name; null when unknown
 * @param resolution how the postal code was found
 * @param station the table row the answer comes from: the station itself, or its nearest neighbour; null when
 *     unknown
 */
public record StationLocation(
        String postalCode,
        @Nullable String inseeCode,
        @Nullable String commune,
        Resolution resolution,
        @Nullable StationRow station)
        implements Serializable {

    public StationLocation {
        Objects.requireNonNull(postalCode, "postalCode");
        Objects.requireNonNull(resolution, "resolution");
    }

    static StationLocation unknown() {
        return new StationLocation(StationRow.UNKNOWN_POSTAL_CODE, null, null, Resolution.UNKNOWN, null);
    }

    static StationLocation of(StationRow row, Resolution resolution) {
        return new StationLocation(row.postalCode(), row.inseeCode(), row.commune(), resolution, row);
    }

    public enum Resolution {
        /** The station is in the table with a postal code. */
        TABLE,
        /** Taken from the nearest station of the table with a postal code, within the directory's radius. */
        NEAREST_STATION,
        /** Not in the table and no known station near enough, or no coordinates to search with. */
        UNKNOWN
    }
}
