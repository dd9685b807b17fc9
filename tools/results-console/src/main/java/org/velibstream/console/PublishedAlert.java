package org.velibstream.console;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Objects;

/**
 * One record of the job's alerts topic, as the job publishes it: a station's (or a feed's) anomaly opening or
 * resolving. {@code type} and {@code state} stay text ({@code EMPTY}, {@code OPEN}...), so that an alert type the job
 * adds later still shows. Fields the console does not know are ignored; the job's {@code PublishedOutputContractTest}
 * checks that it reads back every field the job writes.
 *
 * @param areaKind the kind of the station's area ({@code POSTAL_CODE}, {@code REGION}...), as text
 * @param area the station's area; {@code FEED} for a feed's alert
 * @param since when the condition started, in event time
 * @param detectedAt the event time of the observation that opened or resolved the alert
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PublishedAlert(
        String systemId,
        String stationCode,
        String areaKind,
        String area,
        String type,
        String state,
        Instant since,
        Instant detectedAt,
        String details) {

    public PublishedAlert {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(stationCode, "stationCode");
        Objects.requireNonNull(areaKind, "areaKind");
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(detectedAt, "detectedAt");
        Objects.requireNonNull(details, "details");
    }
}
