package org.velibstream.replay;

import java.time.ZoneId;
import java.util.Objects;

/**
 * Who a simulated system is, as its {@code system_information} says, and the shape its documents take.
 *
 * @param systemId the {@code system_id}
 * @param name the {@code name}
 * @param timeZone the {@code timezone}: the system's own clock, for clients that date their results locally
 * @param dialect the shape of every document the system serves
 */
public record SystemProfile(String systemId, String name, ZoneId timeZone, FeedDialect dialect) {

    public SystemProfile {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(dialect, "dialect");
    }

    /** A system named after its dialect and id, for example "Simulated GBFS 2.3 system (simulated-2)". */
    public static SystemProfile of(String systemId, FeedDialect dialect, ZoneId timeZone) {
        String name =
                switch (dialect) {
                    case VELIB -> "Vélib' Métropole (simulated, " + systemId + ")";
                    case LYFT -> "Simulated Lyft-shape system (" + systemId + ")";
                    default -> "Simulated GBFS " + dialect.version() + " system (" + systemId + ")";
                };
        return new SystemProfile(systemId, name, timeZone, dialect);
    }

    /** Today's simulated Vélib': Vélib's shape, in Paris. */
    public static SystemProfile velib(String systemId) {
        return of(systemId, FeedDialect.VELIB, StationSimulation.PARIS);
    }
}
