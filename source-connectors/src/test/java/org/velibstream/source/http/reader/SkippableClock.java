package org.velibstream.source.http.reader;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The wall clock, which a test may move forward at once instead of waiting: for real polls whose behaviour depends on
 * time passing (a token's lifetime), without sleeping. Read from the HTTP client's I/O thread too.
 */
final class SkippableClock extends Clock {

    private volatile Duration skipped = Duration.ZERO;

    synchronized void skip(Duration duration) {
        skipped = skipped.plus(duration);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(skipped);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock has one zone");
    }
}
