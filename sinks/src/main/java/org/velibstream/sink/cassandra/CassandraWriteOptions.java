package org.velibstream.sink.cassandra;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How the writer sends statements: consistency, per-request timeout, the bound on unacknowledged writes, and how
 * transient failures are retried (exponential backoff from {@code initialBackoff}, doubling up to {@code maxBackoff},
 * {@code maxAttempts} attempts in total including the first).
 */
public record CassandraWriteOptions(
        DefaultConsistencyLevel consistencyLevel,
        Duration requestTimeout,
        int maxInFlightRequests,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff)
        implements Serializable {

    public static final DefaultConsistencyLevel DEFAULT_CONSISTENCY_LEVEL = DefaultConsistencyLevel.LOCAL_QUORUM;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_IN_FLIGHT_REQUESTS = 128;
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);

    public CassandraWriteOptions {
        Objects.requireNonNull(consistencyLevel, "consistencyLevel");
        requirePositive(requestTimeout, "request timeout");
        requirePositive(initialBackoff, "initial backoff");
        requirePositive(maxBackoff, "max backoff");
        if (maxInFlightRequests < 1) {
            throw new IllegalArgumentException("max in-flight requests must be at least 1, was " + maxInFlightRequests);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1 (no retry), was " + maxAttempts);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "max backoff " + maxBackoff + " must not be shorter than initial backoff " + initialBackoff);
        }
    }

    public static CassandraWriteOptions defaults() {
        return new CassandraWriteOptions(
                DEFAULT_CONSISTENCY_LEVEL,
                DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_MAX_IN_FLIGHT_REQUESTS,
                DEFAULT_MAX_ATTEMPTS,
                DEFAULT_INITIAL_BACKOFF,
                DEFAULT_MAX_BACKOFF);
    }

    /** The pause before retry number {@code failedAttempts} (1 after the first failure): initial × 2^(n-1), capped. */
    public Duration backoffAfter(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failed attempts start at 1, was " + failedAttempts);
        }
        int doublings = Math.min(failedAttempts - 1, 30);
        long millis = initialBackoff.toMillis() << doublings;
        return millis <= 0 || millis > maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis(millis);
    }

    private static void requirePositive(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + duration);
        }
    }
}
