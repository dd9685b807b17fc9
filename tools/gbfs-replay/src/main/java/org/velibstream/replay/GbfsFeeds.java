package org.velibstream.replay;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The feeds of one GBFS system as they stand at a moment of the server's clock. The discovery file
 * ({@code gbfs.json}) is not one of them: the server asks for it with the URL it listens on ({@link #discovery}).
 * Implementations are thread-safe: the server asks from several request threads.
 */
public interface GbfsFeeds {

    String STATION_STATUS = "station_status";
    String STATION_INFORMATION = "station_information";
    String SYSTEM_INFORMATION = "system_information";
    String VEHICLE_TYPES = "vehicle_types";
    String SYSTEM_REGIONS = "system_regions";

    /** The feeds of a system in Vélib's shape, in the order {@code gbfs.json} lists them. */
    List<String> NAMES = List.of(SYSTEM_INFORMATION, STATION_INFORMATION, STATION_STATUS);

    /** Every feed a system of this server may serve, recorded or simulated, in the order {@code gbfs.json} lists them. */
    List<String> ALL_NAMES =
            List.of(SYSTEM_INFORMATION, STATION_INFORMATION, STATION_STATUS, VEHICLE_TYPES, SYSTEM_REGIONS);

    /** The feeds this system serves, in the order its {@code gbfs.json} lists them; {@link #NAMES} by default. */
    default List<String> feedNames() {
        return NAMES;
    }

    /**
     * This system's {@code gbfs.json}; by default the GBFS 2.3 shape Vélib' and GBFS clients both read.
     *
     * @param base the URL the system's feeds are under, ending with {@code /}
     * @param lastUpdated the time the document carries
     */
    default byte[] discovery(URI base, Instant lastUpdated, int ttlSeconds) {
        return VelibJson.discovery(base, lastUpdated, ttlSeconds, feedNames());
    }

    /**
     * @param name one of {@link #feedNames()}
     * @param now the server's (real) clock
     * @return the document; empty when this system has no such feed
     */
    Optional<FeedDocument> feed(String name, Instant now);
}
