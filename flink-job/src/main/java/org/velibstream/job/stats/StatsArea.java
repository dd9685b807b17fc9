package org.velibstream.job.stats;

import java.util.Objects;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.job.model.StationObservation;

/**
 * The key of the statistics: an area of one bike-share system. Two systems may serve the same area (neighbouring
 * operators, or one city's bikes and scooters); their stations are never summed together. The kind keeps apart
 * areas of different kinds that happen to share a code (a user polygon named like a postal code).
 */
public record StatsArea(String systemId, AreaKind areaKind, String area) {

    public StatsArea {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(areaKind, "areaKind");
        Objects.requireNonNull(area, "area");
    }

    public static StatsArea of(StationObservation observation) {
        return new StatsArea(observation.systemId(), observation.areaKind(), observation.area());
    }

    /**
     * From the kind's name, not the enum constant: Flink puts a key in its key group by {@code hashCode()}, which must
     * be the same in every JVM and after every restore, and an enum's own hash code is its identity.
     */
    @Override
    public int hashCode() {
        return Objects.hash(systemId, areaKind.name(), area);
    }
}
