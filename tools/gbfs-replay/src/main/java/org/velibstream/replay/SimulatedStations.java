package org.velibstream.replay;

import java.util.ArrayList;
import java.util.List;
import org.velibstream.data.stations.StationRow;
import org.velibstream.replay.SeededDraws.Draw;

/**
 * The stations of one simulated system, made from rows of the station table: ids shifted for systems after the
 * first, a capacity where the table has none, and the traits the model draws once per station (business score,
 * night-time fill, e-bike share, broken docks). How they then change over time is {@link StationSimulation}'s.
 */
final class SimulatedStations {

    /** The docks the model gives a station whose table capacity is 0 or missing, when the table has no median. */
    static final int FALLBACK_CAPACITY = 20;
    /** Station ids of system {@code i} are shifted by {@code i} times this, above every real Vélib' id (~1.8e10). */
    static final long SYSTEM_ID_SHIFT = 100_000_000_000L;

    private static final double BUSINESS_WITHIN_METERS = 2_500;
    private static final double RESIDENTIAL_BEYOND_METERS = 5_500;

    private SimulatedStations() {}

    /** One station per row, in the rows' order; a station's index is its row's, and keys its random draws. */
    static List<SimulatedStation> of(List<StationRow> rows, int systemIndex, SeededDraws draws) {
        int defaultCapacity = medianCapacity(rows);
        List<SimulatedStation> built = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            built.add(station(i, rows.get(i), systemIndex, defaultCapacity, draws));
        }
        return List.copyOf(built);
    }

    private static SimulatedStation station(
            int index, StationRow row, int systemIndex, int defaultCapacity, SeededDraws draws) {
        Integer declared = row.capacity();
        int capacity = declared != null && declared > 0 ? declared : defaultCapacity;
        double distance = row.coordinates().distanceMetersTo(StationSimulation.PARIS_CENTRE);
        double business = Math.max(
                -1,
                Math.min(
                        1,
                        1
                                - 2
                                        * (distance - BUSINESS_WITHIN_METERS)
                                        / (RESIDENTIAL_BEYOND_METERS - BUSINESS_WITHIN_METERS)));
        double baseFill = 0.5 - 0.2 * business + (draws.unit(Draw.BASE_FILL, index) - 0.5) * 0.4;
        double ebikeShare = 0.25 + 0.35 * draws.unit(Draw.EBIKE_SHARE, index);
        int brokenDocks = Math.min(capacity - 1, (int) (draws.unit(Draw.BROKEN_DOCKS, index) * 3));
        return new SimulatedStation(
                index,
                shiftedId(row.stationId(), systemIndex),
                row.stationCode(),
                row.name(),
                row.coordinates(),
                declared,
                capacity,
                business,
                baseFill,
                ebikeShare,
                brokenDocks,
                row.hasKnownPostalCode() ? row.postalCode() : null);
    }

    private static String shiftedId(String stationId, int systemIndex) {
        if (systemIndex == 0) {
            return stationId;
        }
        try {
            return Long.toString(Math.addExact(Long.parseLong(stationId), systemIndex * SYSTEM_ID_SHIFT));
        } catch (NumberFormatException | ArithmeticException notShiftable) {
            return stationId + '-' + systemIndex;
        }
    }

    private static int medianCapacity(List<StationRow> rows) {
        int[] known = rows.stream()
                .map(StationRow::capacity)
                .filter(c -> c != null && c > 0)
                .mapToInt(Integer::intValue)
                .sorted()
                .toArray();
        return known.length == 0 ? FALLBACK_CAPACITY : known[known.length / 2];
    }
}
