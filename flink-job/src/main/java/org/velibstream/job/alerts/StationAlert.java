package org.velibstream.job.alerts;

import java.time.Instant;
import java.util.Objects;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.job.model.StationObservation;

/**
 * A station's anomaly opening or resolving.
 *
 * @param systemId the bike-share system, for example {@code "velib"}
 * @param stationCode the station's key: its Vélib' code when the feed has one, else its {@code station_id}
 * @param areaKind what kind of area {@code area} is
 * @param area the station's area (a postal code, a user polygon's code, a region's name), possibly {@code UNKNOWN};
 *     {@code FEED} for a feed's alert
 * @param since when the condition started, in event time (for a resolved alert: when it had started)
 * @param detectedAt the event time of the observation that opened or resolved the alert
 * @param details what was seen, for a person reading the alert
 */
public record StationAlert(
        String systemId,
        String stationCode,
        AreaKind areaKind,
        String area,
        AlertType type,
        AlertState state,
        Instant since,
        Instant detectedAt,
        String details) {

    public StationAlert {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(stationCode, "stationCode");
        // An alert still open in a savepoint of a version before areas is restored without these two fields.
        areaKind = areaKind != null ? areaKind : AreaKind.UNKNOWN;
        area = area != null ? area : StationObservation.UNKNOWN_AREA;
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
                systemId, stationCode, areaKind, area, type, AlertState.RESOLVED, since, resolvedAt, details);
    }
}
