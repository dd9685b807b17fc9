package org.velibstream.replay;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The feeds of one GBFS system as they stand at a moment of the server's clock. The discovery file
 * ({@code gbfs.json}) is not one of them: the server writes it, because its URLs depend on where the server listens.
 * Implementations are thread-safe: the server asks from several request threads.
 */
public interface GbfsFeeds {

    String STATION_STATUS = "station_status";
    String STATION_INFORMATION = "station_information";
    String SYSTEM_INFORMATION = "system_information";

    /** The feeds every system serves, in the order {@code gbfs.json} lists them. */
    List<String> NAMES = List.of(SYSTEM_INFORMATION, STATION_INFORMATION, STATION_STATUS);

    /**
     * @param name one of {@link #NAMES}
     * @param now the server's (real) clock
     * @return the document; empty when this system has no such feed
     */
    Optional<FeedDocument> feed(String name, Instant now);
}
