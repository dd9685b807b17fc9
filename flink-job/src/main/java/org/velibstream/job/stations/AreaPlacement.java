package org.velibstream.job.stations;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.data.stations.StationRow;

/**
 * Decides the area of a station, the first layer that knows it winning:
 * <ol start="0">
 *   <li>the {@code --stations} override table (by station code, else id): its postal code;
 *   <li>the user's {@code --areas} polygons, in the order given ({@link AreaKind#USER_AREA});
 *   <li>the feed's own {@code post_code} ({@link AreaKind#POSTAL_CODE});
 *   <li>the built-in Île-de-France postal-code areas, for every system: they contain only stations in Île-de-France
 *       ({@link AreaKind#POSTAL_CODE});
 *   <li>the system's GBFS region: {@code region_id} → its {@code system_regions} name, else the id itself
 *       ({@link AreaKind#REGION});
 *   <li>{@link PlacedArea#UNKNOWN}.
 * </ol>
 * A station whose station_information is not known (yet) is placed by the override table only, else, once it has
 * waited for its information, by the Vélib' table for stations without information when one is given
 * ({@link #withTableForStationsWithoutInformation}), else in {@code UNKNOWN}.
 * The same input always gives the same area, so a replay gives the same answer every time. Immutable and
 * serializable: the job builds it on the client (reading every file there) and ships it inside the function.
 */
public final class AreaPlacement implements Serializable {

    private static final long serialVersionUID = 1L;

    @Nullable
    private final StationDirectory overrides;

    private final List<UserAreas> userAreas;

    @Nullable
    private final AreaLayer builtInPostalCodes;

    private final Map<String, Map<String, String>> regionNames;

    /** Places, by station code, the stations whose station_information is unknown; null for none. */
    @Nullable
    private final StationDirectory withoutInformation;

    /**
     * @param overrides the {@code --stations} table; null for none
     * @param userAreas the {@code --areas} polygons, in the order they are tried
     * @param builtInPostalCodes the built-in Île-de-France postal-code areas; null for none
     * @param regionNames per system id, {@code region_id} → region name, from each system's system_regions
     */
    public AreaPlacement(
            @Nullable StationDirectory overrides,
            List<UserAreas> userAreas,
            @Nullable AreaLayer builtInPostalCodes,
            Map<String, Map<String, String>> regionNames) {
        this(overrides, userAreas, builtInPostalCodes, regionNames, null);
    }

    private AreaPlacement(
            @Nullable StationDirectory overrides,
            List<UserAreas> userAreas,
            @Nullable AreaLayer builtInPostalCodes,
            Map<String, Map<String, String>> regionNames,
            @Nullable StationDirectory withoutInformation) {
        this.withoutInformation = withoutInformation;
        this.overrides = overrides;
        this.userAreas = List.copyOf(userAreas);
        this.builtInPostalCodes = builtInPostalCodes;
        Map<String, Map<String, String>> regions = new HashMap<>();
        regionNames.forEach((system, names) -> regions.put(system, Map.copyOf(names)));
        this.regionNames = Map.copyOf(regions);
    }

    /**
     * This placement, with {@code table} placing by station code the stations whose station_information never comes
     * (a Kafka topic of Vélib' statuses read without polling): a station with coordinates is always placed by them,
     * so the table goes stale without doing harm. Only stations with a station code (Vélib's shape) use it, by code,
     * else by id (Vélib' renames a station's code, e.g. {@code 6003_relais}, but keeps its id); feeds without
     * station codes never do, as their ids may collide with Vélib's.
     */
    public AreaPlacement withTableForStationsWithoutInformation(StationDirectory table) {
        return new AreaPlacement(overrides, userAreas, builtInPostalCodes, regionNames, table);
    }

    /** Places every station in {@code UNKNOWN}, apart from those {@code overrides} lists. */
    public static AreaPlacement overridesOnly(@Nullable StationDirectory overrides) {
        return new AreaPlacement(overrides, List.of(), null, Map.of());
    }

    /**
     * The area of a station; {@code site} null when its station_information is not known, which leaves only the
     * override table.
     */
    public PlacedArea place(
            String systemId, @Nullable String stationCode, String stationId, @Nullable StationSite site) {
        StationRow row = override(stationCode, stationId);
        if (row != null) {
            return PlacedArea.postalCode(row.postalCode());
        }
        if (site == null) {
            StationRow known = withoutInformation(stationCode, stationId);
            return known != null ? PlacedArea.postalCode(known.postalCode()) : PlacedArea.UNKNOWN;
        }
        for (UserAreas areas : userAreas) {
            String code = areas.appliesTo(systemId) ? areas.layer().locate(site.lat(), site.lon()) : null;
            if (code != null) {
                return new PlacedArea(AreaKind.USER_AREA, code);
            }
        }
        if (site.postCode() != null) {
            return PlacedArea.postalCode(site.postCode());
        }
        String builtIn = builtInPostalCodes != null ? builtInPostalCodes.locate(site.lat(), site.lon()) : null;
        if (builtIn != null) {
            return PlacedArea.postalCode(builtIn);
        }
        if (site.regionId() != null) {
            String name = regionNames.getOrDefault(systemId, Map.of()).get(site.regionId());
            return new PlacedArea(AreaKind.REGION, name != null ? name : site.regionId());
        }
        return PlacedArea.UNKNOWN;
    }

    /** Whether the override table places this station, so that it need not wait for its information. */
    public boolean overridden(@Nullable String stationCode, String stationId) {
        return override(stationCode, stationId) != null;
    }

    /**
     * The station's capacity from a table, for a station whose station_information gives none: the override
     * table's, else the table for stations without information's; null when neither lists it.
     */
    @Nullable
    public Integer tableCapacity(@Nullable String stationCode, String stationId) {
        StationRow row = override(stationCode, stationId);
        if (row == null) {
            row = withoutInformation(stationCode, stationId);
        }
        return row != null ? row.capacity() : null;
    }

    @Nullable
    private StationRow withoutInformation(@Nullable String stationCode, String stationId) {
        return withoutInformation != null && stationCode != null
                ? withoutInformation.lookup(stationCode, stationId)
                : null;
    }

    @Nullable
    private StationRow override(@Nullable String stationCode, String stationId) {
        return overrides != null ? overrides.lookup(stationCode, stationId) : null;
    }
}
