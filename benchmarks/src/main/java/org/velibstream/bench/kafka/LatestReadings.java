package org.velibstream.bench.kafka;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The latest reading of each station of one postal code in one window, and their sums. */
public final class LatestReadings {

    private final Map<String, StationReading> byStation;

    public LatestReadings() {
        this(new HashMap<>());
    }

    private LatestReadings(Map<String, StationReading> byStation) {
        this.byStation = byStation;
    }

    public static LatestReadings of(List<StationReading> readings) {
        LatestReadings latest = new LatestReadings(new HashMap<>(readings.size() * 2));
        readings.forEach(latest::add);
        return latest;
    }

    /** Keeps {@code reading} unless the station already has a later one: a duplicate changes nothing. */
    public LatestReadings add(StationReading reading) {
        byStation.merge(
                reading.stationKey(), reading, (kept, candidate) -> candidate.supersedes(kept) ? candidate : kept);
        return this;
    }

    public Collection<StationReading> readings() {
        return byStation.values();
    }

    public WindowedSums sums(Instant windowStart, String postalCode) {
        int bikes = 0, mechanical = 0, ebikes = 0, docks = 0, empty = 0, full = 0;
        for (StationReading reading : byStation.values()) {
            bikes += reading.bikes();
            mechanical += reading.mechanical();
            ebikes += reading.ebikes();
            docks += reading.docks();
            if (reading.installed() && reading.bikes() == 0) {
                empty++;
            }
            if (reading.installed() && reading.docks() == 0) {
                full++;
            }
        }
        return new WindowedSums(
                windowStart, postalCode, byStation.size(), bikes, mechanical, ebikes, docks, empty, full);
    }
}
