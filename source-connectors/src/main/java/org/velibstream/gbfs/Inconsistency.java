package org.velibstream.gbfs;

/** A consistency check that a station status entry failed. The entry is kept; the check is named. */
public enum Inconsistency {
    NEGATIVE_BIKES,
    NEGATIVE_DOCKS,
    /**
     * A count by bike type is negative: as the feed sent it, or, for Lyft's {@code num_ebikes_available}, the
     * mechanical bikes left when the e-bikes are more than all the bikes.
     */
    NEGATIVE_BIKE_TYPE_COUNT,
    /** mechanical + ebike differ from the total of available bikes. */
    BIKE_TYPES_DO_NOT_SUM_TO_TOTAL,
    /** A snake_case field and its camelCase twin (Vélib') disagree. */
    DUPLICATE_FIELDS_DISAGREE,
    /**
     * last_reported lies after the document's last_updated (for an entry decoded on its own, after the reference
     * time given to {@link StationFeedDecoder#decodeEntry}).
     */
    REPORTED_AFTER_FEED_UPDATE,
    /**
     * last_reported lies before {@link DecoderLimits#earliestTime()} (2000 by default) or more than
     * {@link DecoderLimits#maxReportedAhead()} (a day) after the document's last_updated: a broken station clock or
     * a placeholder such as 0. The counts are kept; the time should not be trusted.
     */
    IMPLAUSIBLE_LAST_REPORTED
}
