package org.velibstream.console;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The time zone each system's times are shown in: {@code --time-zone} is one zone for every system
 * ({@code Europe/Paris}), or one per system ({@code velib=Europe/Paris;baywheels=America/Los_Angeles}), with a bare
 * zone among them for the systems not listed.
 *
 * @param fallback the zone of every system not in {@code bySystem}
 */
public record SystemZones(Map<String, ZoneId> bySystem, ZoneId fallback) {

    public SystemZones {
        bySystem = Map.copyOf(bySystem);
        Objects.requireNonNull(fallback, "fallback");
    }

    public static SystemZones of(ZoneId zone) {
        return new SystemZones(Map.of(), zone);
    }

    /**
     * @param defaultZone the zone of the systems the value lists no zone for
     * @throws IllegalArgumentException for a bad zone or entry
     */
    public static SystemZones parse(String value, ZoneId defaultZone) {
        Map<String, ZoneId> bySystem = new HashMap<>();
        ZoneId fallback = defaultZone;
        for (String entry : value.split(";")) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            try {
                if (equals < 0) {
                    fallback = ZoneId.of(trimmed);
                } else {
                    bySystem.put(
                            trimmed.substring(0, equals).strip(),
                            ZoneId.of(trimmed.substring(equals + 1).strip()));
                }
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(
                        "Bad value '" + trimmed + "' for --time-zone: " + e.getMessage()
                                + " (expected ZONE or system=ZONE, separated by ';')",
                        e);
            }
        }
        return new SystemZones(bySystem, fallback);
    }

    public ZoneId zoneOf(String systemId) {
        return bySystem.getOrDefault(systemId, fallback);
    }
}
