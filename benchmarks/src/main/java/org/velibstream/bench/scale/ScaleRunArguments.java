package org.velibstream.bench.scale;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.velibstream.bench.BenchmarkPaths;

/**
 * What a run of {@code K} simulated systems passes to its two processes: the replay server's arguments (simulate
 * {@code K} systems, log every request) and heap, and the job's arguments (poll every system of that server). Also
 * the one place that says how the job names simulated system {@code i}, which the emission logs are read back by.
 */
final class ScaleRunArguments {

    static final int MAX_CONNECTIONS_PER_HOST = 64;

    private static final String SYSTEM_ID_PREFIX = "simulated-";

    private ScaleRunArguments() {}

    /** The id the job knows system {@code index} by. */
    static String systemId(int index) {
        return SYSTEM_ID_PREFIX + index;
    }

    /** The index of the system the job knows as {@code systemId}. */
    static int systemIndex(String systemId) {
        return Integer.parseInt(systemId.substring(SYSTEM_ID_PREFIX.length()));
    }

    /** The job's {@code --gbfs}: every system of {@code server} by its id, {@code id=discovery URI;...}. */
    static String gbfs(ReplayServerProcess server, int systems) {
        return IntStream.range(0, systems)
                .mapToObj(i -> systemId(i) + '=' + server.discoveryUri(i))
                .collect(Collectors.joining(";"));
    }

    static List<String> serverArgs(ScaleHarness.Settings settings, int systems, Path requestLog) {
        return List.of(
                "--simulate",
                BenchmarkPaths.stationsCsv().toString(),
                "--seed",
                "42",
                "--systems",
                Integer.toString(systems),
                "--stations-per-system",
                Integer.toString(settings.stationsPerSystem()),
                "--interval",
                settings.interval().toSeconds() + "s",
                "--request-log",
                requestLog.toString());
    }

    /** Each system's documents are kept for the current tick: about 150 kB per system of 150 stations. */
    static String serverHeap(int systems) {
        return Math.max(128, 64 + systems / 2) + "m";
    }

    static String[] jobArgs(ScaleHarness.Settings settings, ReplayServerProcess server, int systems) {
        return new String[] {
            "--source",
            "http",
            "--gbfs",
            gbfs(server, systems),
            "--status-interval",
            settings.interval().toMillis() + " ms",
            "--information-interval",
            "1 h",
            "--window",
            settings.window().toMillis() + " ms",
            "--max-out-of-orderness",
            settings.maxOutOfOrderness().toMillis() + " ms",
            "--checkpoint-interval",
            settings.checkpointInterval().toMillis() + " ms",
            "--parallelism",
            Integer.toString(settings.parallelism()),
            // Every system lives on the one replay server, as many systems of one provider share its host.
            "--http-max-connections-per-host",
            Integer.toString(MAX_CONNECTIONS_PER_HOST)
        };
    }
}
