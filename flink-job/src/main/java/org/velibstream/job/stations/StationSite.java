package org.velibstream.job.stations;

import javax.annotation.Nullable;
import org.velibstream.gbfs.StationInformation;

/**
 * What station_information says about where a station is: what {@link AreaPlacement} places it by.
 *
 * @param postCode the feed's {@code post_code}; null when the feed has none
 * @param regionId the feed's {@code region_id}; null when the feed has none
 */
public record StationSite(
        double lat,
        double lon,
        @Nullable String postCode,
        @Nullable String regionId) {

    public StationSite {
        postCode = blankToNull(postCode);
        regionId = blankToNull(regionId);
    }

    public static StationSite of(StationInformation information) {
        return new StationSite(information.lat(), information.lon(), information.postCode(), information.regionId());
    }

    @Nullable
    private static String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
