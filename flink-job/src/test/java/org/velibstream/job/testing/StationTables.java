package org.velibstream.job.testing;

import java.nio.file.Path;

/**
 * The project's station table, for tests whose input has no station_information (the Kafka raw topic carries
 * statuses only): given as {@code --stations}, it places the Vélib' stations the tests use in their postal codes.
 */
public final class StationTables {

    /** {@code data/stations.csv}, from the module directory the tests run in. */
    public static final Path DATA_TABLE =
            Path.of("..", "data", "stations.csv").toAbsolutePath().normalize();

    private StationTables() {}
}
