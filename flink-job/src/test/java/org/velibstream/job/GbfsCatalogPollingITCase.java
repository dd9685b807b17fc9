package org.velibstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.job.settings.JobConfiguration;
import org.velibstream.job.stats.AreaStats;
import org.velibstream.job.testing.MiniClusters;
import org.velibstream.job.testing.Polling;
import org.velibstream.replay.GbfsReplayServer;
import org.velibstream.replay.ReplayServerOptions;

/**
 * A mixed catalog polled end to end: the replay server serves one simulated system in each GBFS dialect (Vélib's
 * shape, GBFS 1.1, 2.3, 3.0 and Lyft's), lists them in a MobilityData {@code systems.csv}, and the job, given only
 * that file ({@code --gbfs-catalog}), discovers every system, names it by its System ID, decodes each dialect's
 * counts and e-bike split, and places every station.
 */
class GbfsCatalogPollingITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withTwoSlots();

    private static final int STATIONS_PER_SYSTEM = 30;
    private static final List<String> DIALECTS = List.of("velib", "gbfs1", "gbfs2", "gbfs3", "lyft");

    @TempDir
    Path work;

    @Test
    void everySystemOfAMixedCatalogIsPolledDecodedAndPlaced() throws Exception {
        ReplayServerOptions options = ReplayServerOptions.parse(
                "--simulate",
                Path.of("..", "data", "stations.csv").toString(),
                "--dialect",
                String.join(",", DIALECTS),
                "--stations-per-system",
                Integer.toString(STATIONS_PER_SYSTEM),
                "--port",
                "0");
        Instant start = Instant.now();
        try (GbfsReplayServer server = GbfsReplayServer.start(
                new InetSocketAddress("127.0.0.1", 0), GbfsReplayServer.feeds(options, start), Clock.systemUTC())) {
            Path catalog = work.resolve("systems.csv");
            Files.writeString(catalog, server.catalogCsv(), StandardCharsets.UTF_8);
            Path output = work.resolve("out");
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            VelibStreamJob.build(env, JobConfiguration.fromArgs(new String[] {
                "--source", "http",
                "--gbfs-catalog", catalog.toString(),
                "--status-interval", "1 s",
                "--information-interval", "1 s",
                "--window", "1 s",
                "--sink", "jsonl",
                "--output", output.toString(),
                "--checkpoint-interval", "1 s"
            }));
            JobClient job = env.executeAsync("mixed catalog");
            try {
                List<AreaStats> rows = Polling.readUntil(
                        Duration.ofSeconds(120),
                        () -> readStats(output),
                        GbfsCatalogPollingITCase::everySystemCountedWhole);
                assertThat(everySystemCountedWhole(rows))
                        .as("every system has a window counting all its stations, in %s", rows)
                        .isTrue();

                for (int system = 0; system < DIALECTS.size(); system++) {
                    String systemId = "simulated-" + system;
                    List<AreaStats> ofSystem = rows.stream()
                            .filter(row -> row.systemId().equals(systemId))
                            .toList();
                    assertThat(ofSystem)
                            .as("rows of %s (%s)", systemId, DIALECTS.get(system))
                            .isNotEmpty();
                    // Paris stations in every dialect: postal codes, from post_code or from their coordinates.
                    assertThat(ofSystem)
                            .extracting(AreaStats::areaKind)
                            .as("area kinds of %s", DIALECTS.get(system))
                            .containsOnly(AreaKind.POSTAL_CODE);
                    if (DIALECTS.get(system).equals("gbfs1")) {
                        assertThat(ofSystem)
                                .as("GBFS 1.1 gives no split: unknown, not 0")
                                .allSatisfy(row -> assertThat(row.ebike()).isNull())
                                .allSatisfy(row -> assertThat(row.mechanical()).isNull());
                    } else {
                        assertThat(ofSystem)
                                .as("%s gives the split", DIALECTS.get(system))
                                .allSatisfy(row -> assertThat(row.mechanical() + row.ebike())
                                        .isEqualTo(row.bikes()));
                        assertThat(ofSystem.stream().mapToInt(AreaStats::ebike).sum())
                                .as("e-bikes of %s", DIALECTS.get(system))
                                .isPositive();
                    }
                }
            } finally {
                job.cancel().get();
            }
        }
    }

    private static List<AreaStats> readStats(Path output) {
        try {
            return Files.exists(output.resolve("stats.jsonl")) ? ReplayFixture.readStats(output) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every system has a window whose rows count all its stations. */
    private static boolean everySystemCountedWhole(List<AreaStats> rows) {
        Map<String, Map<Instant, Integer>> stations = rows.stream()
                .collect(Collectors.groupingBy(
                        AreaStats::systemId,
                        Collectors.groupingBy(AreaStats::windowEnd, Collectors.summingInt(AreaStats::stations))));
        Set<String> whole = stations.entrySet().stream()
                .filter(system -> system.getValue().containsValue(STATIONS_PER_SYSTEM))
                .map(Map.Entry::getKey)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
        return whole.size() == DIALECTS.size();
    }
}
