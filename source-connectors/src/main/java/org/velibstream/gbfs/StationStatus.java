package org.velibstream.gbfs;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * One station entry of a GBFS {@code station_status} feed, normalised across Vélib's shape and GBFS 2.x/3.0.
 *
 * <p>Counts are the feed's own numbers, even when they are inconsistent: such an entry is kept and carries the
 * {@link Inconsistency inconsistencies} found, so that downstream code decides what to do with it.
 *
 * @param stationId the feed's {@code station_id}, as text (Vélib' uses 64-bit integers, GBFS 3.0 strings)
 * @param stationCode Vélib's {@code stationCode} (for example {@code "16107"} or {@code "6003_relais"}); null when absent
 * @param bikesAvailable {@code num_bikes_available} (GBFS 3.0: {@code num_vehicles_available})
 * @param mechanicalBikes mechanical bikes among them; null when the feed gives no breakdown (never 0 for "unknown").
 *     From {@code num_ebikes_available} (Lyft's systems) it is the bikes minus the e-bikes, negative when the feed
 *     counts more e-bikes than bikes (then flagged)
 * @param ebikes electric bikes among them; null when the feed gives no breakdown
 * @param docksAvailable {@code num_docks_available}
 * @param installed {@code is_installed}; true when the feed omits it
 * @param renting {@code is_renting}; true when the feed omits it
 * @param returning {@code is_returning}; true when the feed omits it
 * @param lastReported when the station last reported; null when absent
 * @param inconsistencies what the decoder's consistency checks found; empty for a clean entry
 */
public record StationStatus(
        String stationId,
        @Nullable String stationCode,
        int bikesAvailable,
        @Nullable Integer mechanicalBikes,
        @Nullable Integer ebikes,
        int docksAvailable,
        boolean installed,
        boolean renting,
        boolean returning,
        @Nullable Instant lastReported,
        List<Inconsistency> inconsistencies) {

    public StationStatus {
        Objects.requireNonNull(stationId, "stationId");
        inconsistencies = List.copyOf(inconsistencies);
    }

    /** The key Vélib' users know a station by: its code when the feed has one, else its id. */
    public String stationKey() {
        return stationCode != null ? stationCode : stationId;
    }

    public boolean isConsistent() {
        return inconsistencies.isEmpty();
    }
}
