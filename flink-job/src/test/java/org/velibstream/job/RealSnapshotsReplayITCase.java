package org.velibstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.velibstream.job.settings.JobConfiguration;
import org.velibstream.job.stats.AreaStats;
import org.velibstream.job.testing.AreaTotals;
import org.velibstream.job.testing.MiniClusters;

/**
 * The whole job over the real Vélib' recordings in {@code ../shared/data/gbfs_snapshots}: for each snapshot's window,
 * the rows summed over every postal code must give the snapshot's own totals, computed here independently with
 * Jackson's tree model. Every station counts exactly once, and a station gone from the later snapshot stops counting.
 */
class RealSnapshotsReplayITCase {

    private static final Path SNAPSHOTS = Path.of("..", "..", "shared", "data", "gbfs_snapshots");

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withTwoSlots();

    @TempDir
    Path output;

    @Test
    void totalsOfEverySnapshotWindowEqualTheSnapshotsOwnSums() throws Exception {
        Path snapshots =
                Path.of(System.getProperty("user.dir")).resolve(SNAPSHOTS).normalize();
        Assumptions.assumeTrue(
                Files.isDirectory(snapshots), "../shared/data/gbfs_snapshots is absent: real-data check skipped");

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        VelibStreamJob.build(env, JobConfiguration.fromArgs(new String[] {
            "--source",
            "files",
            "--status",
            snapshots.toString(),
            "--information",
            snapshots.resolve("2024-11-19_banacchini/station_information.json").toString(),
            "--sink",
            "jsonl",
            "--output",
            output.toString(),
            "--checkpoint-interval",
            "0 s"
        }));
        env.execute("real snapshots");

        Map<Instant, AreaTotals> byWindowEnd = ReplayFixture.readStats(output).stream()
                .collect(Collectors.groupingBy(
                        AreaStats::windowEnd,
                        TreeMap::new,
                        Collectors.reducing(AreaTotals.ZERO, AreaTotals::of, AreaTotals::plus)));
        AreaTotals of2022 = independentTotals(snapshots.resolve("2022-02-23_samhrrl/station_status.json"));
        AreaTotals of2024 = independentTotals(snapshots.resolve("2024-11-19_banacchini/station_status.json"));

        assertThat(of2022.stations()).isEqualTo(1439);
        assertThat(of2024.stations()).isEqualTo(1485);
        assertThat(of2024.bikes()).isEqualTo(15_626);
        assertThat(byWindowEnd)
                .containsExactly(
                        Map.entry(windowEndAfter("2022-02-23_samhrrl", snapshots), of2022),
                        Map.entry(windowEndAfter("2024-11-19_banacchini", snapshots), of2024));
    }

    private static Instant windowEndAfter(String snapshot, Path snapshots) throws Exception {
        long lastUpdated = new ObjectMapper()
                .readTree(snapshots
                        .resolve(snapshot)
                        .resolve("station_status.json")
                        .toFile())
                .get("lastUpdatedOther")
                .asLong();
        return Instant.ofEpochSecond(lastUpdated)
                .truncatedTo(ChronoUnit.MINUTES)
                .plus(1, ChronoUnit.MINUTES);
    }

    /** The snapshot's sums, straight from its JSON. */
    private static AreaTotals independentTotals(Path statusFile) throws Exception {
        File file = statusFile.toFile();
        JsonNode stations = new ObjectMapper().readTree(file).get("data").get("stations");
        AreaTotals totals = AreaTotals.ZERO;
        for (JsonNode station : stations) {
            int mechanical = 0;
            int ebike = 0;
            for (JsonNode type : station.get("num_bikes_available_types")) {
                mechanical += type.path("mechanical").asInt(0);
                ebike += type.path("ebike").asInt(0);
            }
            totals = totals.plus(new AreaTotals(
                    1,
                    station.get("num_bikes_available").asInt(),
                    mechanical,
                    ebike,
                    station.get("num_docks_available").asInt()));
        }
        return totals;
    }
}
