package org.velibstream.job.io.cassandra;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * Each system's time zone, whose dates are the {@code day} partitions of its rows: from its system_information, or
 * {@code --time-zone} for every system when that option is given. A system of which no time zone is known (the raw
 * Kafka topic's, a recording without system_information) takes the fallback.
 *
 * @param bySystem system id → its time zone
 * @param fallback the time zone of every other system
 */
public record SystemTimeZones(Map<String, ZoneId> bySystem, ZoneId fallback) implements Serializable {

    private static final long serialVersionUID = 1L;

    public SystemTimeZones {
        bySystem = Map.copyOf(bySystem);
        Objects.requireNonNull(fallback, "fallback");
    }

    /** The same time zone for every system. */
    public static SystemTimeZones everywhere(ZoneId zone) {
        return new SystemTimeZones(Map.of(), zone);
    }

    public ZoneId of(String systemId) {
        return bySystem.getOrDefault(systemId, fallback);
    }
}
