package org.velibstream.source.http.reader;

import java.time.Duration;
import java.util.Objects;

/**
 * Retry delays that double with each consecutive failure up to a cap, with "equal jitter": the delay is drawn
 * between half and all of the exponential value, so that many readers failing together do not retry together.
 *
 * @param initial delay after the first failure (before jitter)
 * @param max cap on the delay
 */
public record ExponentialBackoff(Duration initial, Duration max) {

    public ExponentialBackoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("Need 0 < initial <= max, got " + initial + " and " + max);
        }
    }

    /**
     * @param consecutiveFailures failures in the current streak, at least 1
     * @param random uniform in [0, 1), supplied by the caller so that tests are deterministic
     */
    public Duration delayAfter(int consecutiveFailures, double random) {
        if (consecutiveFailures < 1) {
            throw new IllegalArgumentException("consecutiveFailures must be at least 1, got " + consecutiveFailures);
        }
        if (random < 0 || random >= 1) {
            throw new IllegalArgumentException("random must be in [0, 1), got " + random);
        }
        // 2^30 times any useful initial delay is past any useful cap, and the shift cannot overflow.
        int exponent = Math.min(consecutiveFailures - 1, 30);
        long initialMillis = initial.toMillis();
        long maxMillis = max.toMillis();
        long exponential =
                initialMillis > (maxMillis >> exponent) ? maxMillis : Math.min(maxMillis, initialMillis << exponent);
        long half = exponential / 2;
        return Duration.ofMillis(exponential - half + (long) (random * half));
    }
}
