package org.velibstream.bench.kafka;

import java.util.List;
import java.util.Objects;
import org.velibstream.bench.Summary;

/**
 * The measured runs of one engine at one parallelism (slots, stream threads; 1 for the floor), after its warm-ups.
 *
 * @param engine what ran, as the report names it
 */
public record EngineMeasurement(String engine, int parallelism, List<EngineRun> runs) {

    public EngineMeasurement {
        Objects.requireNonNull(engine, "engine");
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a measurement needs at least one run");
        }
    }

    public Summary recordsPerSecond() {
        return Summary.of(runs.stream().mapToDouble(EngineRun::recordsPerSecond).toArray());
    }

    public Summary coresUsed() {
        return Summary.of(runs.stream().mapToDouble(EngineRun::coresUsed).toArray());
    }

    public Summary peakHeapMegabytes() {
        return Summary.of(
                runs.stream().mapToDouble(run -> run.peakHeapBytes() / 1e6).toArray());
    }
}
