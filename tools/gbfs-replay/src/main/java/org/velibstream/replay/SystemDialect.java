package org.velibstream.replay;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Objects;

/**
 * One item of {@code --dialect}: the shape a simulated system's documents take and the time zone its
 * {@code system_information} names.
 *
 * @param timeZone the system's time zone; the dialect's {@link FeedDialect#defaultTimeZone() default} unless given
 */
public record SystemDialect(FeedDialect dialect, ZoneId timeZone) {

    public static final SystemDialect VELIB = new SystemDialect(FeedDialect.VELIB, FeedDialect.VELIB.defaultTimeZone());

    public SystemDialect {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(timeZone, "timeZone");
    }

    /**
     * {@code DIALECT} or {@code DIALECT:TIME_ZONE}, for example {@code gbfs2}, {@code lyft:America/New_York}.
     *
     * @throws IllegalArgumentException naming the part that is wrong
     */
    public static SystemDialect parse(String item) {
        int colon = item.indexOf(':');
        FeedDialect dialect = FeedDialect.fromOptionName(colon < 0 ? item : item.substring(0, colon));
        if (colon < 0) {
            return new SystemDialect(dialect, dialect.defaultTimeZone());
        }
        String zone = item.substring(colon + 1).trim();
        try {
            return new SystemDialect(dialect, ZoneId.of(zone));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Unknown time zone '" + zone + "' in '" + item + "'", e);
        }
    }

    @Override
    public String toString() {
        return dialect.optionName() + ':' + timeZone.getId();
    }
}
