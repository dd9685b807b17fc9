package org.velibstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.job.settings.JobConfiguration;
import org.velibstream.job.stats.AreaStats;
import org.velibstream.job.testing.AreaTotals;
import org.velibstream.job.testing.MiniClusters;

/**
 * The whole job over a system that is not Vélib', as a user would replay it: three real days of Bay Wheels (Lyft's
 * GBFS shape: {@code num_ebikes_available}, UUID station ids, {@code region_id}, time zone America/Los_Angeles) in
 * {@code ../shared/data/other_systems/2023-01-08_baywheels_3days}, given as its {@code status/} folder of snapshots
 * named {@code <epoch>_station_status.json}; the system's station_information and system_information are in the
 * folder's parent. Every window's rows must add up to the sums computed here independently from the JSON.
 */
class BayWheelsRecordingReplayITCase {

    private static final Path RECORDING =
            Path.of("..", "..", "shared", "data", "other_systems", "2023-01-08_baywheels_3days");

    /** Bay Wheels' own id in its system_information.json. */
    private static final String SYSTEM_ID = "fgb";

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withTwoSlots();

    @TempDir
    Path output;

    @Test
    void everyWindowOfTheRecordingAddsUpToItsSnapshotWithEbikesSplitOut() throws Exception {
        Path recording =
                Path.of(System.getProperty("user.dir")).resolve(RECORDING).normalize();
        Assumptions.assumeTrue(
                Files.isDirectory(recording.resolve("status")),
                "../shared/data/other_systems/2023-01-08_baywheels_3days is absent: real-data check skipped");

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        VelibStreamJob.build(env, JobConfiguration.fromArgs(new String[] {
            "--source",
            "files",
            "--status",
            recording.resolve("status").toString(),
            "--sink",
            "jsonl",
            "--output",
            output.toString(),
            "--checkpoint-interval",
            "0 s",
            "--areas",
            BayAreaTestAreas.write(output.resolve("bay-areas.geojson")).toString()
        }));
        env.execute("Bay Wheels recording");

        List<AreaStats> rows = ReplayFixture.readStats(output);
        TreeMap<Instant, AreaTotals> snapshots = independentTotalsByWindowEnd(recording.resolve("status"));
        Map<Instant, AreaTotals> byWindowEnd = rows.stream()
                .collect(Collectors.groupingBy(
                        AreaStats::windowEnd,
                        TreeMap::new,
                        Collectors.reducing(AreaTotals.ZERO, AreaTotals::of, AreaTotals::plus)));

        assertThat(snapshots).as("the recording's snapshots, one a window").hasSize(380);
        assertThat(rows).extracting(AreaStats::systemId).containsOnly(SYSTEM_ID);
        assertThat(byWindowEnd.keySet()).as("one window per snapshot").isEqualTo(snapshots.keySet());
        assertThat(differences(snapshots, byWindowEnd, AreaTotals::withoutBikeTypes))
                .as(
                        "windows whose rows, summed over every area, differ from their snapshot in stations, bikes or docks")
                .isEmpty();
        assertThat(differences(snapshots, byWindowEnd, totals -> totals))
                .as("windows whose rows, summed over every area, differ from their snapshot in e-bikes or mechanical")
                .isEmpty();
        assertThat(rows).as("mechanical = bikes - e-bikes in every row").allSatisfy(row -> assertThat(row.mechanical())
                .isEqualTo(row.bikes() - row.ebike()));
        assertThat(rows.stream().mapToLong(AreaStats::ebike).sum())
                .as("Bay Wheels' num_ebikes_available")
                .isPositive();
        assertThat(output.resolve("deadletter.jsonl"))
                .satisfiesAnyOf(file -> assertThat(file).doesNotExist(), file -> assertThat(file)
                        .isEmptyFile());

        // Per area: the user's polygons (a grid over the Bay Area, a polygon with a hole and its filling, a
        // MultiPolygon) against each station's area by arithmetic; every other row together is the stations outside.
        Map<String, String> areaByStation =
                BayAreaTestAreas.areaByStation(recording.resolve("station_information.json"));
        Map<Instant, Map<String, AreaTotals>> expectedByArea =
                independentTotalsByWindowAndArea(recording.resolve("status"), areaByStation);
        Map<Instant, Map<String, AreaTotals>> actualByArea = rows.stream()
                .collect(Collectors.groupingBy(
                        AreaStats::windowEnd,
                        TreeMap::new,
                        Collectors.groupingBy(
                                row -> row.areaKind() == AreaKind.USER_AREA ? row.area() : OUTSIDE,
                                TreeMap::new,
                                Collectors.reducing(AreaTotals.ZERO, AreaTotals::of, AreaTotals::plus))));
        assertThat(rows).extracting(AreaStats::areaKind).contains(AreaKind.USER_AREA);
        List<String> areaDifferences = expectedByArea.entrySet().stream()
                .filter(window -> !withoutEmpty(window.getValue())
                        .equals(withoutEmpty(actualByArea.getOrDefault(window.getKey(), Map.of()))))
                .limit(3)
                .map(window -> window.getKey() + ": JSON " + withoutEmpty(window.getValue()) + ", rows "
                        + withoutEmpty(actualByArea.getOrDefault(window.getKey(), Map.of())))
                .toList();
        assertThat(areaDifferences)
                .as("windows whose rows differ, area by area, from their snapshot (e-bikes included)")
                .isEmpty();
    }

    /** The first windows (at most 5) whose rows differ from their snapshot in what {@code compared} keeps. */
    private static List<String> differences(
            Map<Instant, AreaTotals> expected, Map<Instant, AreaTotals> actual, UnaryOperator<AreaTotals> compared) {
        return expected.entrySet().stream()
                .filter(window -> !compared.apply(window.getValue())
                        .equals(compared.apply(actual.getOrDefault(window.getKey(), AreaTotals.ZERO))))
                .limit(5)
                .map(window ->
                        window.getKey() + ": JSON " + window.getValue() + ", rows " + actual.get(window.getKey()))
                .toList();
    }

    /** Each snapshot's sums straight from its JSON, by the end of the one-minute window its last_updated falls in. */
    private static TreeMap<Instant, AreaTotals> independentTotalsByWindowEnd(Path statusFolder) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        TreeMap<Instant, AreaTotals> byWindowEnd = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(statusFolder)) {
            files = list.toList();
        }
        for (Path file : files) {
            JsonNode document = mapper.readTree(file.toFile());
            AreaTotals totals = AreaTotals.ZERO;
            for (JsonNode station : document.get("data").get("stations")) {
                int bikes = station.get("num_bikes_available").asInt();
                int ebikes = station.get("num_ebikes_available").asInt();
                totals = totals.plus(new AreaTotals(
                        1,
                        bikes,
                        bikes - ebikes,
                        ebikes,
                        station.get("num_docks_available").asInt()));
            }
            Instant windowEnd = Instant.ofEpochSecond(
                            document.get("last_updated").asLong())
                    .truncatedTo(ChronoUnit.MINUTES)
                    .plus(1, ChronoUnit.MINUTES);
            assertThat(byWindowEnd.put(windowEnd, totals))
                    .as("two snapshots in the window ending at %s", windowEnd)
                    .isNull();
        }
        return byWindowEnd;
    }

    /** The key of the stations outside every user area. */
    private static final String OUTSIDE = "(outside)";

    /** Each snapshot's sums by user area ({@link #OUTSIDE} for the others), by the end of its window. */
    private static Map<Instant, Map<String, AreaTotals>> independentTotalsByWindowAndArea(
            Path statusFolder, Map<String, String> areaByStation) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Map<Instant, Map<String, AreaTotals>> byWindowEnd = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(statusFolder)) {
            files = list.toList();
        }
        for (Path file : files) {
            JsonNode document = mapper.readTree(file.toFile());
            Map<String, AreaTotals> byArea = new TreeMap<>();
            for (JsonNode station : document.get("data").get("stations")) {
                int bikes = station.get("num_bikes_available").asInt();
                int ebikes = station.get("num_ebikes_available").asInt();
                byArea.merge(
                        areaByStation.getOrDefault(station.get("station_id").asText(), OUTSIDE),
                        new AreaTotals(
                                1,
                                bikes,
                                bikes - ebikes,
                                ebikes,
                                station.get("num_docks_available").asInt()),
                        AreaTotals::plus);
            }
            byWindowEnd.put(
                    Instant.ofEpochSecond(document.get("last_updated").asLong())
                            .truncatedTo(ChronoUnit.MINUTES)
                            .plus(1, ChronoUnit.MINUTES),
                    byArea);
        }
        return byWindowEnd;
    }

    /** The areas with stations: an area whose last station left has a row of zeros, or none. */
    private static Map<String, AreaTotals> withoutEmpty(Map<String, AreaTotals> byArea) {
        Map<String, AreaTotals> kept = new TreeMap<>(byArea);
        kept.values().removeIf(totals -> totals.stations() == 0);
        return kept;
    }
}
