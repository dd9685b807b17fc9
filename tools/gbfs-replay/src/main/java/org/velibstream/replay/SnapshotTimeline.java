package org.velibstream.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * When each recording is on air. Recording {@code i} is shown for {@code step}, or, without a fixed step, for the
 * time between recording {@code i} and {@code i + 1} divided by {@code speed}. After the last one the replay stays on
 * it, or with {@code loop} shows it for one more step (fixed, or the mean gap divided by speed) and starts again.
 */
public final class SnapshotTimeline {

    private final List<Duration> showFor;
    private final boolean loop;
    private final Duration cycle;

    /**
     * @param times the recordings' times, oldest first
     * @param fixedStep how long each recording is shown; null to follow the recorded times
     * @param speed recorded seconds per replayed second, positive
     */
    public SnapshotTimeline(List<Instant> times, @Nullable Duration fixedStep, double speed, boolean loop) {
        if (times.isEmpty()) {
            throw new IllegalArgumentException("A timeline needs at least one recording");
        }
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive number, got " + speed);
        }
        if (fixedStep != null && (fixedStep.isNegative() || fixedStep.isZero())) {
            throw new IllegalArgumentException("step must be positive, got " + fixedStep);
        }
        List<Duration> durations = new ArrayList<>();
        for (int i = 0; i + 1 < times.size(); i++) {
            Duration gap = Duration.between(times.get(i), times.get(i + 1));
            durations.add(fixedStep != null ? fixedStep : scaled(gap, speed));
        }
        if (loop && times.size() > 1) {
            Duration meanGap =
                    Duration.between(times.get(0), times.get(times.size() - 1)).dividedBy(times.size() - 1);
            durations.add(fixedStep != null ? fixedStep : scaled(meanGap, speed));
        }
        this.showFor = List.copyOf(durations);
        this.cycle = durations.stream().reduce(Duration.ZERO, Duration::plus);
        this.loop = loop && !cycle.isZero();
    }

    /** The index of the recording on air {@code elapsed} after the replay started. */
    public int indexAt(Duration elapsed) {
        Objects.requireNonNull(elapsed, "elapsed");
        if (elapsed.isNegative()) {
            return 0;
        }
        Duration left = loop ? Duration.ofNanos(Math.floorMod(elapsed.toNanos(), cycle.toNanos())) : elapsed;
        for (int i = 0; i < showFor.size(); i++) {
            left = left.minus(showFor.get(i));
            if (left.isNegative()) {
                return i;
            }
        }
        return loop ? 0 : showFor.size();
    }

    /** How long recording {@code index} stays on air, for messages; the last one's is zero when not looping. */
    public Duration showFor(int index) {
        return index < showFor.size() ? showFor.get(index) : Duration.ZERO;
    }

    private static Duration scaled(Duration gap, double speed) {
        return Duration.ofNanos(Math.round(gap.toNanos() / speed));
    }
}
