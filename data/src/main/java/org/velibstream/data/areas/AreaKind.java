package org.velibstream.data.areas;

/**
 * Which kind of area a statistics row describes, so that a consumer tells a postal code from a region or a user's
 * polygon. A station gets the first that applies, in this order: {@link #USER_AREA}, {@link #POSTAL_CODE} (the feed's
 * own {@code post_code}, then the built-in Île-de-France areas), {@link #REGION}, {@link #UNKNOWN}.
 */
public enum AreaKind {
    /**
     * A postal code: the feed's {@code post_code}, the built-in Île-de-France areas ({@link BuiltInAreas}), or a
     * {@code --stations} override table.
     */
    POSTAL_CODE,
    /** A polygon of the user's {@code --areas} GeoJSON; the code is its {@code --area-property} value. */
    USER_AREA,
    /** The system's GBFS region: the {@code system_regions} name of the station's {@code region_id}. */
    REGION,
    /** None of the above; the code is {@link #UNKNOWN_CODE}. */
    UNKNOWN;

    /** The area code of a station placed in no area; the same text as {@code StationRow.UNKNOWN_POSTAL_CODE}. */
    public static final String UNKNOWN_CODE = "UNKNOWN";
}
