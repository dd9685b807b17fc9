package org.velibstream.replay;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The regions of the simulated systems that have {@code system_regions}: a station's region is the département of its
 * postal code (its first two digits: {@code 75} Paris, {@code 92} Hauts-de-Seine...), so a test computes any
 * station's expected region from its {@code post_code} alone, with no table of the simulator's.
 */
final class SimulatedRegions {

    private static final Map<String, String> DEPARTMENTS = Map.of(
            "75", "Paris",
            "77", "Seine-et-Marne",
            "78", "Yvelines",
            "91", "Essonne",
            "92", "Hauts-de-Seine",
            "93", "Seine-Saint-Denis",
            "94", "Val-de-Marne",
            "95", "Val-d'Oise");

    private SimulatedRegions() {}

    /** The {@code region_id} of a postal code: its first two characters. */
    static String regionOf(String postCode) {
        return postCode.length() < 2 ? postCode : postCode.substring(0, 2);
    }

    /** A region's name: the département's, or "Département NN" for one outside Île-de-France. */
    static String nameOf(String regionId) {
        return DEPARTMENTS.getOrDefault(regionId, "Département " + regionId);
    }

    /** The regions of {@code stations}, by id, in id order. */
    static SortedMap<String, String> of(Collection<SimulatedStation> stations) {
        SortedMap<String, String> regions = new TreeMap<>();
        stations.stream()
                .map(SimulatedStation::regionId)
                .filter(Objects::nonNull)
                .forEach(id -> regions.put(id, nameOf(id)));
        return regions;
    }
}
