package org.velibstream.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Simulated time: {@code simulatedStart} at {@code realStart}, then {@code speed} simulated seconds per real second.
 */
public record SimulatedClock(Instant simulatedStart, Instant realStart, double speed) {

    public SimulatedClock {
        Objects.requireNonNull(simulatedStart, "simulatedStart");
        Objects.requireNonNull(realStart, "realStart");
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive number, got " + speed);
        }
    }

    public Instant simulatedAt(Instant realNow) {
        Duration elapsed = Duration.between(realStart, realNow);
        return simulatedStart.plusNanos(Math.round(elapsed.toNanos() * speed));
    }
}
