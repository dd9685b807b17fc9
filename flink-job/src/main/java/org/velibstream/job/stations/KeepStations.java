package org.velibstream.job.stations;

import java.util.Collection;
import java.util.Set;
import org.apache.flink.api.common.functions.FilterFunction;
import org.velibstream.job.model.StationObservation;

/** Keeps only the observations of the given station codes (or ids, for stations without a code). */
public final class KeepStations implements FilterFunction<StationObservation> {

    public static final String NAME = "Keep selected stations";
    public static final String UID = "keep-selected-stations";

    private static final long serialVersionUID = 1L;

    private final Set<String> stationKeys;

    public KeepStations(Collection<String> stationKeys) {
        this.stationKeys = Set.copyOf(stationKeys);
    }

    @Override
    public boolean filter(StationObservation observation) {
        return stationKeys.contains(observation.stationKey());
    }
}
