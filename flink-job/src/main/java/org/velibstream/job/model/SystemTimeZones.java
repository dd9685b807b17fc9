package org.velibstream.job.model;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Each bike-share system's time zone, in which the Cassandra {@code day} partitions are dated: from each system's
 * {@code system_information} when the job is built, {@code fallback} (the {@code --time-zone} option) for a system
 * whose zone is not known. Immutable and serializable, so sinks ship it.
 *
 * @param bySystem system id → its time zone
 * @param fallback the zone of every system not in {@code bySystem}
 */
public record SystemTimeZones(Map<String, ZoneId> bySystem, ZoneId fallback) implements Serializable {

    private static final long serialVersionUID = 1L;

    public SystemTimeZones {
        bySystem = Map.copyOf(bySystem);
        Objects.requireNonNull(fallback, "fallback");
    }

    /** Every system in {@code zone}. */
    public static SystemTimeZones of(ZoneId zone) {
        return new SystemTimeZones(Map.of(), zone);
    }

    /** These zones, with {@code systemId} in {@code zone}. */
    public SystemTimeZones with(String systemId, ZoneId zone) {
        Map<String, ZoneId> zones = new HashMap<>(bySystem);
        zones.put(systemId, zone);
        return new SystemTimeZones(zones, fallback);
    }

    /** The time zone of {@code systemId}. */
    public ZoneId zoneOf(String systemId) {
        return bySystem.getOrDefault(systemId, fallback);
    }
}
