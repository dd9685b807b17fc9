package org.velibstream.source.http;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.flink.api.connector.source.Boundedness;
import org.velibstream.source.http.auth.HttpAuthentication;

/**
 * Everything about how the source polls, except the endpoints themselves. Built and validated by
 * {@link HttpPollingSourceBuilder}; the defaults are the constants below.
 *
 * @param requestTimeout limit on connecting, on each wait for data, and on a whole exchange
 * @param maxBodyBytes bodies larger than this are not read past the limit and count as a {@code tooLarge} failure
 * @param initialBackoff delay before the first retry of a failing endpoint
 * @param maxBackoff the exponential backoff never waits longer than this (Retry-After may, up to one hour)
 * @param stopAfterPolls if set, each endpoint is polled this many times (any outcome) and then finishes
 * @param endOfSequenceStatuses HTTP statuses that mean "this recorded sequence is over": the endpoint finishes
 * @param headers request headers sent to every endpoint (an endpoint's own headers win); values never logged
 * @param authentication how polls are authenticated
 * @param userAgent the User-Agent header, so that operators of polled servers know who calls them
 * @param maxConnectionsPerHost how many requests a reader has open to one host at once; a poll waiting for a
 *     connection longer than {@code requestTimeout} fails as a timeout, so a host serving many endpoints (one provider's
 *     many systems) needs room for all the polls due together
 */
public record HttpPollingSourceOptions(
        Duration requestTimeout,
        long maxBodyBytes,
        Duration initialBackoff,
        Duration maxBackoff,
        @Nullable Long stopAfterPolls,
        Set<Integer> endOfSequenceStatuses,
        Map<String, String> headers,
        HttpAuthentication authentication,
        String userAgent,
        int maxConnectionsPerHost)
        implements Serializable {

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_CONNECTIONS_PER_HOST = 8;
    public static final String DEFAULT_USER_AGENT = "velib-stream/0.1 (+https://github.com/velib-stream)";

    public HttpPollingSourceOptions {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(userAgent, "userAgent");
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(initialBackoff, "initialBackoff");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff (" + maxBackoff + ") must not be shorter than initialBackoff (" + initialBackoff + ")");
        }
        if (maxBodyBytes <= 0 || maxBodyBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxBodyBytes must be in 1.." + (Integer.MAX_VALUE - 8)
                    + " (bodies are held in one array), got " + maxBodyBytes);
        }
        if (maxConnectionsPerHost <= 0) {
            throw new IllegalArgumentException("maxConnectionsPerHost must be positive, got " + maxConnectionsPerHost);
        }
        if (stopAfterPolls != null && stopAfterPolls <= 0) {
            throw new IllegalArgumentException("stopAfterPolls must be positive, got " + stopAfterPolls);
        }
        for (int status : endOfSequenceStatuses) {
            if (status < 300 || status > 599 || status == 304) {
                throw new IllegalArgumentException("An end-of-sequence status must be an error or redirect status"
                        + " other than 304, got " + status);
            }
        }
        endOfSequenceStatuses = Set.copyOf(endOfSequenceStatuses);
        headers = Map.copyOf(headers);
    }

    /** Bounded as soon as endpoints have a way to finish. */
    public Boundedness boundedness() {
        return stopAfterPolls != null || !endOfSequenceStatuses.isEmpty()
                ? Boundedness.BOUNDED
                : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    /** Header values may be credentials, so only their names are shown. */
    @Override
    public String toString() {
        return "HttpPollingSourceOptions{requestTimeout=" + requestTimeout + ", maxBodyBytes=" + maxBodyBytes
                + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff
                + ", stopAfterPolls=" + stopAfterPolls + ", endOfSequenceStatuses=" + endOfSequenceStatuses
                + ", headers=" + headers.keySet() + ", authentication=" + authentication
                + ", userAgent=" + userAgent + ", maxConnectionsPerHost=" + maxConnectionsPerHost + "}";
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
    }
}
