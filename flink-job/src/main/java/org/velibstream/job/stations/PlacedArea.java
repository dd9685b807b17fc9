package org.velibstream.job.stations;

import java.util.Objects;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.job.model.StationObservation;

/** Where a station counts: the kind of area and its code. */
public record PlacedArea(AreaKind kind, String code) {

    public static final PlacedArea UNKNOWN = new PlacedArea(AreaKind.UNKNOWN, StationObservation.UNKNOWN_AREA);

    public PlacedArea {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(code, "code");
    }

    public static PlacedArea postalCode(String code) {
        return new PlacedArea(AreaKind.POSTAL_CODE, code);
    }
}
