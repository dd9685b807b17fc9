package org.velibstream.job.stack;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for a condition on servers that answer in their own time: polls it, never sleeps and hopes. */
final class Polling {

    private static final Duration INTERVAL = Duration.ofMillis(500);

    private Polling() {}

    /**
     * Polls {@code check} until it has a value, failing after {@code timeout} with what was awaited and what
     * {@code seen} says was there instead.
     */
    static <T> T await(String what, Duration timeout, Supplier<String> seen, Supplier<Optional<T>> check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = check.get();
            if (value.isPresent()) {
                return value.get();
            }
            sleep();
        }
        return fail("waited " + timeout.toSeconds() + " s for " + what + "; " + seen.get());
    }

    /**
     * Reads until what it read is {@code done}, or for at most {@code timeout}, and returns the last value read
     * either way: for callers whose assertions describe a difference better than a timeout does.
     */
    static <T> T readUntil(Duration timeout, Supplier<T> read, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = read.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            sleep();
            value = read.get();
        }
        return value;
    }

    private static void sleep() {
        try {
            Thread.sleep(INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
