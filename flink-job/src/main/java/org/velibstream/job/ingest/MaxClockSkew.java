package org.velibstream.job.ingest;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.util.TimeUtils;

/**
 * How far ahead of the job's wall clock (when the job received it) an observation's time may be: {@code
 * --max-clock-skew}. Beyond it, the input is a dead letter and never becomes event time.
 *
 * <p>Why a dead letter rather than the time of arrival: arrival is not when the station was observed, and while the
 * job catches up on a backlog (after downtime) the arrival time is ahead of the backlog, so a re-stamped record would
 * move event time past the backlog and make it late: the very failure this prevents. One record from a producer
 * whose clock is an hour ahead would otherwise move the watermark an hour forward, and every good record after it
 * would be late. Only live inputs (the raw topic, polled feeds) are held to it: a replay of files is historical.
 *
 * @param limit how far ahead an observation may be stamped; positive
 */
public record MaxClockSkew(Duration limit) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The default of {@code --max-clock-skew}. */
    public static final Duration DEFAULT = Duration.ofMinutes(1);

    /** The prefix of the dead letters' reason. */
    public static final String REASON_PREFIX = "clock ahead: ";

    public MaxClockSkew {
        Objects.requireNonNull(limit, "limit");
        if (limit.isZero() || limit.isNegative()) {
            throw new IllegalArgumentException("--max-clock-skew must be positive (a wrong clock would otherwise "
                    + "move event time without bound), got " + TimeUtils.formatWithHighestUnit(limit));
        }
    }

    public static MaxClockSkew defaults() {
        return new MaxClockSkew(DEFAULT);
    }

    /**
     * Why {@code stampedAt} cannot be event time, or null when it can.
     *
     * @param stampedAt the observation's time, as its producer's clock stamped it
     * @param receivedAt when the job received it, by the job's clock
     */
    @Nullable
    public String aheadReason(Instant stampedAt, Instant receivedAt) {
        Duration ahead = Duration.between(receivedAt, stampedAt);
        if (ahead.compareTo(limit) <= 0) {
            return null;
        }
        Duration shown = ahead.getSeconds() > 0 ? ahead.truncatedTo(ChronoUnit.SECONDS) : ahead;
        return REASON_PREFIX + "stamped " + stampedAt + ", " + TimeUtils.formatWithHighestUnit(shown)
                + " after it was received at " + receivedAt + "; --max-clock-skew is "
                + TimeUtils.formatWithHighestUnit(limit);
    }
}
