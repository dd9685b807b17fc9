package org.velibstream.sink.alertmanager;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where and how the alerts are posted.
 *
 * @param alertmanagers the Alertmanagers' base URLs (e.g. {@code http://127.0.0.1:9093}); every alert goes to each
 * @param sendInterval the longest a written alert waits in the writer before it is posted
 * @param maxBatchSize alerts per POST; a full batch is posted at once
 * @param refreshInterval how often open alerts are posted again; each post of an open alert says it ends
 *     {@link #expiryAfterRefresh()} after that post unless posted again, so Alertmanager resolves the alerts of a
 *     job that is gone within that time instead of keeping them forever
 * @param requestTimeout the longest one POST may take
 * @param maxAttempts attempts per POST and Alertmanager, the first included, on connection errors, timeouts and 5xx
 * @param initialBackoff the pause after the first failed attempt, doubling up to {@code maxBackoff}
 */
public record AlertmanagerDeliveryOptions(
        List<URI> alertmanagers,
        Duration sendInterval,
        int maxBatchSize,
        Duration refreshInterval,
        Duration requestTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff)
        implements Serializable {

    public static final Duration DEFAULT_SEND_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_BATCH_SIZE = 500;
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMinutes(1);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_ATTEMPTS = 6;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(8);

    /** How many refresh intervals an open alert outlives its last post, as Prometheus does for its own alerts. */
    public static final int REFRESHES_BEFORE_EXPIRY = 4;

    public AlertmanagerDeliveryOptions {
        alertmanagers = List.copyOf(alertmanagers);
        if (alertmanagers.isEmpty()) {
            throw new IllegalArgumentException("at least one Alertmanager URL is needed");
        }
        for (URI url : alertmanagers) {
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
                throw new IllegalArgumentException(
                        "Alertmanager URL '" + url + "' is not an http(s) URL with a host, like http://127.0.0.1:9093");
            }
        }
        requirePositive(sendInterval, "send interval");
        requirePositive(refreshInterval, "refresh interval");
        requirePositive(requestTimeout, "request timeout");
        requirePositive(initialBackoff, "initial backoff");
        requirePositive(maxBackoff, "max backoff");
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("max batch size must be at least 1, was " + maxBatchSize);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1 (no retry), was " + maxAttempts);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "max backoff " + maxBackoff + " must not be shorter than initial backoff " + initialBackoff);
        }
    }

    /** How long Alertmanager keeps an open alert firing after its last post. */
    public Duration expiryAfterRefresh() {
        return refreshInterval.multipliedBy(REFRESHES_BEFORE_EXPIRY);
    }

    /** The pause before retry number {@code failedAttempts} (1 after the first failure): initial × 2^(n-1), capped. */
    public Duration backoffAfter(int failedAttempts) {
        int doublings = Math.min(Math.max(failedAttempts, 1) - 1, 30);
        long millis = initialBackoff.toMillis() << doublings;
        return millis <= 0 || millis > maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis(millis);
    }

    /** The longest one POST to one Alertmanager can take, every attempt and pause included. */
    public Duration longestDelivery() {
        Duration total = requestTimeout.multipliedBy(maxAttempts);
        for (int failed = 1; failed < maxAttempts; failed++) {
            total = total.plus(backoffAfter(failed));
        }
        return total;
    }

    private static void requirePositive(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + duration);
        }
    }
}
