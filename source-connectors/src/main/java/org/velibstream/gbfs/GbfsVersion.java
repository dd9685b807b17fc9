package org.velibstream.gbfs;

/** The GBFS dialect of a document, as detected from the payload. */
public enum GbfsVersion {
    /**
     * Vélib' Métropole's feed: no {@code version} and no {@code last_updated}, but {@code lastUpdatedOther}, camelCase
     * twins of the count fields and {@code num_bikes_available_types}. Otherwise close to GBFS 1.0.
     */
    VELIB,
    /** GBFS 1.x and 2.x: {@code last_updated} in epoch seconds, {@code data.<language>.feeds} in gbfs.json. */
    GBFS_2,
    /** GBFS 3.x: {@code last_updated} as an RFC 3339 string, localized names, {@code num_vehicles_available}. */
    GBFS_3;

    static GbfsVersion fromDeclared(String declared) {
        return declared.startsWith("3.") ? GBFS_3 : GBFS_2;
    }
}
