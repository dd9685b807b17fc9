package org.velibstream.job.stats;

import java.util.Objects;
import org.velibstream.job.model.StationObservation;

/**
 * The key of the statistics: a postal code of one bike-share system. Two systems may serve the same postal code
 * (neighbouring operators, or one city's bikes and scooters); their stations are never summed together.
 */
public record PostalArea(String systemId, String postalCode) {

    public PostalArea {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(postalCode, "postalCode");
    }

    public static PostalArea of(StationObservation observation) {
        return new PostalArea(observation.systemId(), observation.postalCode());
    }
}
