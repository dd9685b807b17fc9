package org.velibstream.job.alerts;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How long, or how much, before {@link StationAlertDetector} raises an alert. All durations are event time.
 *
 * @param empty how long an installed, renting station must show 0 bikes before {@link AlertType#EMPTY}
 * @param full how long an installed, returning station must show 0 docks before {@link AlertType#FULL}
 * @param stale how far {@code last_reported} may lag behind the feed before {@link AlertType#STALE}
 * @param suddenDropWithin the span in which a fall of bikes counts as {@link AlertType#SUDDEN_DROP}
 * @param suddenDropMinBikes the smallest fall, in bikes, that counts as a sudden drop
 * @param suddenDropFraction the smallest fall, as a fraction of the earlier number of bikes, that counts
 */
public record AlertThresholds(
        Duration empty,
        Duration full,
        Duration stale,
        Duration suddenDropWithin,
        int suddenDropMinBikes,
        double suddenDropFraction)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final AlertThresholds DEFAULTS = new AlertThresholds(
            Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofMinutes(15), 5, 0.5);

    public AlertThresholds {
        requirePositive(empty, "empty");
        requirePositive(full, "full");
        requirePositive(stale, "stale");
        requirePositive(suddenDropWithin, "suddenDropWithin");
        if (suddenDropMinBikes < 1) {
            throw new IllegalArgumentException("suddenDropMinBikes must be at least 1, got " + suddenDropMinBikes);
        }
        if (!(suddenDropFraction > 0 && suddenDropFraction <= 1)) {
            throw new IllegalArgumentException("suddenDropFraction must be in (0, 1], got " + suddenDropFraction);
        }
    }

    /** The smallest fall from {@code earlierBikes} that counts as a sudden drop. */
    public double suddenDropFrom(int earlierBikes) {
        return Math.max(suddenDropMinBikes, suddenDropFraction * earlierBikes);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
    }
}
