package org.velibstream.replay;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One feed as the server sends it: its bytes, its time (sent as {@code Last-Modified}), its {@code ttl} (sent as
 * {@code Cache-Control: max-age}) and a strong entity tag derived from the bytes, so that identical bytes always carry
 * the same {@code ETag}, across restarts too. Immutable: the bytes are never handed out, only written.
 */
public final class FeedDocument {

    private final byte[] body;
    private final Instant lastModified;
    private final int ttlSeconds;
    private final String etag;

    /**
     * @param lastModified the document's time; HTTP dates have whole seconds, so it is truncated to seconds
     * @param ttlSeconds how long clients may keep the document, at least 0
     */
    public FeedDocument(byte[] body, Instant lastModified, int ttlSeconds) {
        if (ttlSeconds < 0) {
            throw new IllegalArgumentException("ttlSeconds must not be negative, got " + ttlSeconds);
        }
        this.body = body.clone();
        this.lastModified = Objects.requireNonNull(lastModified, "lastModified").truncatedTo(ChronoUnit.SECONDS);
        this.ttlSeconds = ttlSeconds;
        this.etag = '"' + HexFormat.of().formatHex(sha256(this.body), 0, 16) + '"';
    }

    public Instant lastModified() {
        return lastModified;
    }

    public int ttlSeconds() {
        return ttlSeconds;
    }

    /** The quoted, strong entity tag, for example {@code "3f2a…"}. */
    public String etag() {
        return etag;
    }

    public int length() {
        return body.length;
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(body);
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return body.clone();
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean sameBytes(FeedDocument other) {
        return Arrays.equals(body, other.body);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "FeedDocument[" + body.length + " bytes, lastModified=" + lastModified + ", etag=" + etag + ']';
    }
}
