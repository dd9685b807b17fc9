package org.velibstream.job.alerts;

import java.time.Instant;
import java.util.Objects;

/**
 * A station's anomaly opening or resolving.
 *
 * @param systemId the bike-share system, for example {@code "velib"}
 * @param stationCode the station's key: its Vélib' code when the feed has one, else its {@code station_id}
 * @param postalCode the station's postal code, possibly {@code UNKNOWN}
 * @param since when the condition started, in event time (for a resolved alert: when it had started)
 * @param detectedAt the event time of the observation that opened or resolved the alert
 * @param details what was seen, for a person reading the alert
 */
public record StationAlert(
        String systemId,
        String stationCode,
        String postalCode,
        AlertType type,
        AlertState state,
        Instant since,
        Instant detectedAt,
        String details) {

    public StationAlert {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(stationCode, "stationCode");
        Objects.requireNonNull(postalCode, "postalCode");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(detectedAt, "detectedAt");
        Objects.requireNonNull(details, "details");
    }

    /** This open alert, resolved at {@code resolvedAt}; {@code since} still says when the condition started. */
    public StationAlert resolved(Instant resolvedAt, String details) {
        if (state != AlertState.OPEN) {
            throw new IllegalStateException("only an open alert can be resolved: " + this);
        }
        return new StationAlert(
                systemId, stationCode, postalCode, type, AlertState.RESOLVED, since, resolvedAt, details);
    }
}
