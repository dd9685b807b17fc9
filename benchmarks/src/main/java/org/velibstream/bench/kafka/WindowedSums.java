package org.velibstream.bench.kafka;

import java.time.Instant;
import java.util.Objects;
import org.velibstream.job.stats.AreaStats;

/**
 * What every engine of the Kafka benchmarks computes, in one shape so that their results compare: for one postal code
 * and one tumbling event-time window, the latest status of each station in the window, summed. Empty and full use
 * the job's definitions (installed with 0 bikes, installed with 0 docks; see {@link AreaStats}).
 */
public record WindowedSums(
        Instant windowStart,
        String postalCode,
        int stations,
        int bikes,
        int mechanical,
        int ebikes,
        int docks,
        int emptyStations,
        int fullStations) {

    public WindowedSums {
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(postalCode, "postalCode");
    }

    /** The job's row, without what the peers do not compute (capacity, out-of-service stations, window end). */
    public static WindowedSums of(AreaStats stats) {
        return new WindowedSums(
                stats.windowStart(),
                stats.area(),
                stats.stations(),
                stats.bikes(),
                // The simulated Vélib' system always gives the split; an unknown one would count as 0 here.
                stats.mechanical() != null ? stats.mechanical() : 0,
                stats.ebike() != null ? stats.ebike() : 0,
                stats.docks(),
                stats.emptyStations(),
                stats.fullStations());
    }
}
