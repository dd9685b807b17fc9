package org.velibstream.job.testing;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for a condition on servers and jobs that answer in their own time: polls it, never sleeps and hopes. */
public final class Polling {

    private static final Duration INTERVAL = Duration.ofMillis(200);

    private Polling() {}

    /** A check that may find what it waits for, and may fail reading it (a file, a topic, a web API). */
    @FunctionalInterface
    public interface Check<T> {
        Optional<T> value() throws Exception;
    }

    /** A condition that may fail to be read. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /**
     * Polls {@code check} until it has a value, failing after {@code timeout} with what was awaited and what
     * {@code seen} says was there instead. An exception of the check fails at once.
     */
    public static <T> T await(String what, Duration timeout, Supplier<String> seen, Check<T> check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = read(what, check);
            if (value.isPresent()) {
                return value.get();
            }
            sleep();
        }
        return fail("waited " + timeout.toSeconds() + " s for " + what + "; " + seen.get());
    }

    /** Polls {@code condition} until it holds, failing after {@code timeout} with what was awaited. */
    public static void await(String what, Duration timeout, Condition condition) {
        await(what, timeout, () -> "it did not happen", () -> condition.holds() ? Optional.of(true) : Optional.empty());
    }

    /**
     * Reads until what it read is {@code done}, or for at most {@code timeout}, and returns the last value read
     * either way: for callers whose assertions describe a difference better than a timeout does.
     */
    public static <T> T readUntil(Duration timeout, Supplier<T> read, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = read.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            sleep();
            value = read.get();
        }
        return value;
    }

    private static <T> Optional<T> read(String what, Check<T> check) {
        try {
            return check.value();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("while waiting for " + what + ": " + e, e);
        }
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
