package org.velibstream.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the benchmarks find their inputs, wherever they are started from (the repository root under
 * {@code bin/benchmark}, {@code benchmarks/} under Maven): the repository root is the nearest folder upwards holding
 * {@code data/stations.csv}, and the real recordings sit beside the repository, in {@code ../shared/data}.
 */
public final class BenchmarkPaths {

    /** Overrides the folder of the real recordings ({@code .../shared/data}). */
    public static final String SHARED_DATA_PROPERTY = "velib.bench.shared-data";

    private static final Path STATIONS_CSV = Path.of("data", "stations.csv");

    private BenchmarkPaths() {}

    public static Path repositoryRoot() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path folder = start; folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve(STATIONS_CSV))) {
                return folder;
            }
        }
        throw new IllegalStateException("No data/stations.csv in " + start + " or any folder above it: "
                + "run the benchmarks from inside the velib-stream repository");
    }

    public static Path stationsCsv() {
        return repositoryRoot().resolve(STATIONS_CSV);
    }

    /** The folder of recorded GBFS snapshots, when it is there. */
    public static Optional<Path> sharedSnapshots() {
        String override = System.getProperty(SHARED_DATA_PROPERTY);
        Path sharedData = override != null
                ? Path.of(override)
                : repositoryRoot()
                        .resolve("..")
                        .resolve("shared")
                        .resolve("data")
                        .normalize();
        Path snapshots = sharedData.resolve("gbfs_snapshots");
        return Files.isDirectory(snapshots) ? Optional.of(snapshots) : Optional.empty();
    }
}
