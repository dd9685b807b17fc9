package org.velibstream.data.areas;

/**
 * What kind of area a station is placed in, so that a consumer of the statistics tells a postal code from a region or
 * a user's polygon.
 */
public enum AreaKind {
    /** A postal code: the feed's {@code post_code}, the built-in Île-de-France areas, or the --stations override. */
    POSTAL_CODE,
    /** A polygon of the user's {@code --areas} GeoJSON. */
    USER_AREA,
    /** The system's GBFS region ({@code region_id} → {@code system_regions} name). */
    REGION,
    /** None of these: the area code is {@code UNKNOWN}. */
    UNKNOWN
}
