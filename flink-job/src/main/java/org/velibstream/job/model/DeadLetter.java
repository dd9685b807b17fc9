package org.velibstream.job.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * Input the job could not use, kept with the reason and the raw payload so nothing is lost without a trace.
 *
 * @param source where it came from, for example {@code "http velib/station_status"} or {@code "kafka velib-projet-0@42"}
 * @param reason why it was rejected
 * @param payload the raw input as text, cut to {@link #MAX_PAYLOAD_CHARS} characters
 * @param receivedAt when the job received it
 */
public record DeadLetter(String source, String reason, String payload, Instant receivedAt) {

    /** Large enough for a station entry or a small document, small enough for a Kafka record. */
    public static final int MAX_PAYLOAD_CHARS = 100_000;

    private static final String TRUNCATION_MARK = "…[truncated]";

    public DeadLetter {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (payload.length() > MAX_PAYLOAD_CHARS) {
            payload = payload.substring(0, MAX_PAYLOAD_CHARS - TRUNCATION_MARK.length()) + TRUNCATION_MARK;
        }
    }

    public static DeadLetter of(String source, String reason, byte[] payload, Instant receivedAt) {
        int length = Math.min(payload.length, 4 * MAX_PAYLOAD_CHARS);
        return new DeadLetter(source, reason, new String(payload, 0, length, StandardCharsets.UTF_8), receivedAt);
    }
}
