package org.velibstream.console;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * One record of the job's statistics topic, as the job publishes it (JSON, camelCase, ISO-8601 UTC times): the
 * stations of one area of one system at the end of one window. The console reads the topic as any external
 * consumer would, so fields it does not know are ignored; the job's {@code PublishedOutputContractTest} checks that
 * it reads back every field the job writes.
 *
 * @param areaKind {@code POSTAL_CODE}, {@code USER_AREA}, {@code REGION} or {@code UNKNOWN}; text, so that a kind the
 *     job adds later still shows
 * @param area the area's code: a postal code, a user polygon's code, a region's name, or {@code UNKNOWN}
 * @param mechanical null when the split of a station counted is unknown
 * @param ebike null when the split of a station counted is unknown
 * @param windowStart inclusive
 * @param windowEnd exclusive
 * @param inconsistentStations stations with impossible counts, counted in {@code stations} and in nothing else (the
 *     "bad" column); 0 when the record has no such field (published by a job before it existed)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PublishedStats(
        String systemId,
        String areaKind,
        String area,
        Instant windowStart,
        Instant windowEnd,
        int stations,
        int bikes,
        @Nullable Integer mechanical,
        @Nullable Integer ebike,
        int docks,
        int capacity,
        int emptyStations,
        int fullStations,
        int outOfServiceStations,
        int inconsistentStations) {

    public PublishedStats {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(areaKind, "areaKind");
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
    }

    /** The area as a person reads it: a postal code as it is, a region or a user's area named as such. */
    public String areaLabel() {
        return switch (areaKind) {
            case "POSTAL_CODE", "UNKNOWN" -> area;
            case "REGION" -> "region " + area;
            case "USER_AREA" -> "area " + area;
            default -> areaKind.toLowerCase(Locale.ROOT) + " " + area;
        };
    }
}
