package org.velibstream.replay;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.annotation.Nullable;

/**
 * The shape a simulated system's documents take. Whatever the dialect, a station's counts are the same model's: only
 * how they are written changes, so a client sums the same bikes, e-bikes and docks from any of them.
 */
public enum FeedDialect {
    /** Vélib' Métropole's own shape (see {@link VelibJson}): the server's historic output. */
    VELIB(null, List.of()),
    /**
     * GBFS 1.1: {@code version} "1.1", feeds keyed by language in {@code gbfs.json}, 0/1 flags,
     * {@code num_bikes_available} with no split, no region and no post code (stations are placed by coordinates).
     */
    GBFS1("1.1", List.of()),
    /**
     * GBFS 2.3: a human and an electric-assist bicycle in {@code vehicle_types.json}, the split in
     * {@code vehicle_types_available}, {@code region_id} ({@code system_regions.json}) and {@code post_code}.
     */
    GBFS2("2.3", List.of(GbfsFeeds.VEHICLE_TYPES, GbfsFeeds.SYSTEM_REGIONS)),
    /**
     * GBFS 3.0: {@code data.feeds} discovery, RFC 3339 times, localized names, {@code num_vehicles_available} with
     * {@code vehicle_types_available}, {@code region_id} and {@code post_code}.
     */
    GBFS3("3.0", List.of(GbfsFeeds.VEHICLE_TYPES, GbfsFeeds.SYSTEM_REGIONS)),
    /**
     * Lyft's shape (Bay Wheels, Citi Bike, Divvy...): no {@code version}, epoch seconds, UUID-like {@code station_id}s,
     * {@code num_ebikes_available} as the electric part of {@code num_bikes_available}, {@code region_id}
     * ({@code system_regions.json}) and no {@code post_code}.
     */
    LYFT(null, List.of(GbfsFeeds.SYSTEM_REGIONS));

    @Nullable
    private final String version;

    private final List<String> feeds;

    FeedDialect(@Nullable String version, List<String> extraFeeds) {
        this.version = version;
        this.feeds = concat(
                List.of(GbfsFeeds.SYSTEM_INFORMATION, GbfsFeeds.STATION_INFORMATION, GbfsFeeds.STATION_STATUS),
                extraFeeds);
    }

    /** The {@code version} the documents declare; null when the dialect writes none. */
    @Nullable
    public String version() {
        return version;
    }

    /** The feeds a system of this dialect serves, in the order its {@code gbfs.json} lists them. */
    public List<String> feeds() {
        return feeds;
    }

    /** The time zone a system of this dialect has unless told otherwise: Lyft's systems are American. */
    public ZoneId defaultTimeZone() {
        return this == LYFT ? ZoneId.of("America/Los_Angeles") : StationSimulation.PARIS;
    }

    /** The name on the command line: {@code velib}, {@code gbfs1}, {@code gbfs2}, {@code gbfs3} or {@code lyft}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the dialects there are */
    public static FeedDialect fromOptionName(String name) {
        for (FeedDialect dialect : values()) {
            if (dialect.optionName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return dialect;
            }
        }
        throw new IllegalArgumentException("Unknown dialect '" + name + "' (velib, gbfs1, gbfs2, gbfs3 or lyft)");
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
