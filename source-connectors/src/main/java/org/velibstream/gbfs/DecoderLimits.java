package org.velibstream.gbfs;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * The bounds a GBFS decoder holds every payload to, so that a hostile or broken producer (a Kafka topic anyone can
 * write to, a file, a misbehaving server) cannot make the job run out of memory or feed it absurd values.
 *
 * <p>A payload over {@link #maxDocumentBytes()} or with more than {@link #maxStations()} entries, or whose document
 * time is before {@link #earliestTime()}, is refused as a whole ({@link GbfsDecodingException}). An entry with an id
 * or name that is too long, or a count above {@link #maxCount()}, is rejected ({@link Rejection}) with a reason naming
 * the limit. A negative count stays a flagged {@link Inconsistency}, as does a {@code last_reported} before
 * {@link #earliestTime()} or more than {@link #maxReportedAhead()} after the document's time: the entry's counts are
 * still worth having. The defaults leave room for the largest GBFS systems (a few thousand stations).
 *
 * @param maxDocumentBytes the largest payload decoded, in bytes
 * @param maxStations the most entries in {@code data.stations}
 * @param maxIdChars the longest {@code station_id} or {@code stationCode}, in characters
 * @param maxNameChars the longest station name, in characters
 * @param maxCount the largest bike, dock or capacity count
 * @param earliestTime the earliest plausible document time or {@code last_reported}
 * @param maxReportedAhead how far a {@code last_reported} may lie after its document's time before it is flagged as
 *     implausible (clocks of stations and servers drift a little; a day is not drift)
 */
public record DecoderLimits(
        int maxDocumentBytes,
        int maxStations,
        int maxIdChars,
        int maxNameChars,
        int maxCount,
        Instant earliestTime,
        Duration maxReportedAhead)
        implements Serializable {

    /** The HTTP source's default body cap: what the decoders accept from Kafka or files too. */
    public static final int DEFAULT_MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

    public static final int DEFAULT_MAX_STATIONS = 100_000;
    public static final int DEFAULT_MAX_ID_CHARS = 256;
    public static final int DEFAULT_MAX_NAME_CHARS = 1_000;
    public static final int DEFAULT_MAX_COUNT = 10_000;
    public static final Instant DEFAULT_EARLIEST_TIME = Instant.parse("2000-01-01T00:00:00Z");
    public static final Duration DEFAULT_MAX_REPORTED_AHEAD = Duration.ofDays(1);

    private static final long serialVersionUID = 1L;

    private static final DecoderLimits DEFAULTS = new DecoderLimits(
            DEFAULT_MAX_DOCUMENT_BYTES,
            DEFAULT_MAX_STATIONS,
            DEFAULT_MAX_ID_CHARS,
            DEFAULT_MAX_NAME_CHARS,
            DEFAULT_MAX_COUNT,
            DEFAULT_EARLIEST_TIME,
            DEFAULT_MAX_REPORTED_AHEAD);

    public DecoderLimits {
        requirePositive(maxDocumentBytes, "maxDocumentBytes");
        requirePositive(maxStations, "maxStations");
        requirePositive(maxIdChars, "maxIdChars");
        requirePositive(maxNameChars, "maxNameChars");
        requirePositive(maxCount, "maxCount");
        Objects.requireNonNull(earliestTime, "earliestTime");
        Objects.requireNonNull(maxReportedAhead, "maxReportedAhead");
        if (maxReportedAhead.isNegative()) {
            throw new IllegalArgumentException("maxReportedAhead must not be negative: " + maxReportedAhead);
        }
    }

    public static DecoderLimits defaults() {
        return DEFAULTS;
    }

    public DecoderLimits withMaxDocumentBytes(int bytes) {
        return new DecoderLimits(
                bytes, maxStations, maxIdChars, maxNameChars, maxCount, earliestTime, maxReportedAhead);
    }

    public DecoderLimits withMaxStations(int stations) {
        return new DecoderLimits(
                maxDocumentBytes, stations, maxIdChars, maxNameChars, maxCount, earliestTime, maxReportedAhead);
    }

    public DecoderLimits withMaxIdChars(int chars) {
        return new DecoderLimits(
                maxDocumentBytes, maxStations, chars, maxNameChars, maxCount, earliestTime, maxReportedAhead);
    }

    public DecoderLimits withMaxNameChars(int chars) {
        return new DecoderLimits(
                maxDocumentBytes, maxStations, maxIdChars, chars, maxCount, earliestTime, maxReportedAhead);
    }

    public DecoderLimits withMaxCount(int count) {
        return new DecoderLimits(
                maxDocumentBytes, maxStations, maxIdChars, maxNameChars, count, earliestTime, maxReportedAhead);
    }

    public DecoderLimits withEarliestTime(Instant time) {
        return new DecoderLimits(
                maxDocumentBytes, maxStations, maxIdChars, maxNameChars, maxCount, time, maxReportedAhead);
    }

    public DecoderLimits withMaxReportedAhead(Duration ahead) {
        return new DecoderLimits(
                maxDocumentBytes, maxStations, maxIdChars, maxNameChars, maxCount, earliestTime, ahead);
    }

    /** Whether {@code lastReported} is a time a station could really have reported at, given its document's time. */
    boolean isPlausibleReport(Instant lastReported, @Nullable Instant documentTime) {
        if (lastReported.isBefore(earliestTime)) {
            return false;
        }
        return documentTime == null || !lastReported.isAfter(documentTime.plus(maxReportedAhead));
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
