package org.velibstream.console;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Objects;

/**
 * One record of the job's statistics topic, as the job publishes it (JSON, camelCase, ISO-8601 UTC times): the
 * stations of one postal code of one system at the end of one window. The console reads the topic as any external
 * consumer would, so fields it does not know are ignored; the job's {@code PublishedOutputContractTest} checks that
 * it reads back every field the job writes.
 *
 * @param windowStart inclusive
 * @param windowEnd exclusive
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PublishedStats(
        String systemId,
        String postalCode,
        Instant windowStart,
        Instant windowEnd,
        int stations,
        int bikes,
        int mechanical,
        int ebike,
        int docks,
        int capacity,
        int emptyStations,
        int fullStations,
        int outOfServiceStations) {

    public PublishedStats {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(postalCode, "postalCode");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
    }
}
