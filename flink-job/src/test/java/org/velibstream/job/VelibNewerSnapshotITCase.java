package org.velibstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
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
import org.velibstream.job.testing.ReferencePostalCodes;

/**
 * Vélib' as it was on 2026-04-06, 17 months after the station table of {@code data/}: 1,509 stations, 65 of them
 * newer than the table. The job places every station by its coordinates, and its per-postal-code totals must equal
 * sums computed here from the opendata export with an independent placement ({@link ReferencePostalCodes}: plain ray
 * casting over the source polygons, La Poste's table). The target is 98 % of the postal codes; all of them are exact
 * today, and this test holds that.
 */
class VelibNewerSnapshotITCase {

    private static final Path DATA = Path.of("..", "..", "shared", "data");
    private static final Path EXPORT =
            DATA.resolve("opendata_paris_exports/2026-04-06_mxvml/velib-disponibilite-en-temps-reel.csv");
    /** The export's latest "Actualisation de la donnée", 2026-04-06T12:49:36+02:00. */
    private static final Instant SNAPSHOT_TIME = Instant.parse("2026-04-06T10:49:36Z");

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withTwoSlots();

    @TempDir
    Path work;

    @Test
    void everyPostalCodeIsExactOnASnapshotNewerThanTheTable() throws Exception {
        Path root = Path.of(System.getProperty("user.dir"));
        Path export = root.resolve(EXPORT).normalize();
        Assumptions.assumeTrue(Files.isRegularFile(export), "../shared/data is absent: real-data check skipped");
        List<Station> stations = readExport(export);
        assertThat(stations).hasSize(1509);
        Path recording = writeGbfs(stations);

        Path output = work.resolve("out");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        VelibStreamJob.build(env, JobConfiguration.fromArgs(new String[] {
            "--source", "files",
            "--status", recording.toString(),
            "--raw-system-id", "velib",
            "--sink", "jsonl",
            "--output", output.toString(),
            "--checkpoint-interval", "0 s"
        }));
        env.execute("Vélib' 2026-04-06");

        ReferencePostalCodes reference =
                ReferencePostalCodes.read(root.resolve(DATA).resolve("mappings").normalize());
        Map<String, AreaTotals> expected = stations.stream()
                .collect(Collectors.groupingBy(
                        station -> reference
                                .postalCodeAt(station.lat(), station.lon())
                                .orElse("UNKNOWN"),
                        TreeMap::new,
                        Collectors.reducing(AreaTotals.ZERO, Station::totals, AreaTotals::plus)));
        List<AreaStats> rows = ReplayFixture.readStats(output);
        assertThat(rows).extracting(AreaStats::areaKind).containsOnly(AreaKind.POSTAL_CODE);
        Map<String, AreaTotals> actual = rows.stream()
                .collect(Collectors.toMap(AreaStats::area, AreaTotals::of, AreaTotals::plus, TreeMap::new));

        long exact = expected.entrySet().stream()
                .filter(code -> code.getValue().equals(actual.get(code.getKey())))
                .count();
        assertThat(actual.keySet()).as("postal codes").containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(exact)
                .as("postal codes exact: expected %s, actual %s", expected, actual)
                .isEqualTo((long) expected.size());
        assertThat(actual.values().stream().reduce(AreaTotals.ZERO, AreaTotals::plus))
                .isEqualTo(expected.values().stream().reduce(AreaTotals.ZERO, AreaTotals::plus));
    }

    /** The export's rows: ';'-separated, a BOM, coordinates as "lat, lon". */
    private static List<Station> readExport(Path export) throws Exception {
        List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
        return lines.subList(1, lines.size()).stream()
                .filter(line -> !line.isBlank())
                .map(line -> line.split(";", -1))
                .map(fields -> {
                    String[] latLon = fields[11].split(",");
                    return new Station(
                            fields[0],
                            fields[1],
                            fields[2].equals("OUI"),
                            Integer.parseInt(fields[3]),
                            Integer.parseInt(fields[4]),
                            Integer.parseInt(fields[6]),
                            Integer.parseInt(fields[7]),
                            Double.parseDouble(latLon[0].strip()),
                            Double.parseDouble(latLon[1].strip()));
                })
                .toList();
    }

    /** The snapshot as GBFS 2.3 station_status and station_information documents, in a recording folder. */
    private Path writeGbfs(List<Station> stations) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode status = document(json);
        ObjectNode information = document(json);
        ArrayNode statuses = status.putObject("data").putArray("stations");
        ArrayNode sites = information.putObject("data").putArray("stations");
        for (Station station : stations) {
            ObjectNode entry = statuses.addObject()
                    .put("station_id", station.code())
                    .put("num_bikes_available", station.mechanical() + station.ebike())
                    .put("num_docks_available", station.docks())
                    .put("is_installed", station.installed())
                    .put("is_renting", station.installed())
                    .put("is_returning", station.installed())
                    .put("last_reported", SNAPSHOT_TIME.getEpochSecond());
            ArrayNode types = entry.putArray("num_bikes_available_types");
            types.addObject().put("mechanical", station.mechanical());
            types.addObject().put("ebike", station.ebike());
            sites.addObject()
                    .put("station_id", station.code())
                    .put("name", station.name())
                    .put("lat", station.lat())
                    .put("lon", station.lon())
                    .put("capacity", station.capacity());
        }
        Path recording = Files.createDirectories(work.resolve("velib-2026-04-06"));
        json.writeValue(recording.resolve("1775472576.json").toFile(), status);
        json.writeValue(recording.resolve("station_information.json").toFile(), information);
        return recording;
    }

    private static ObjectNode document(ObjectMapper json) {
        return json.createObjectNode()
                .put("last_updated", SNAPSHOT_TIME.getEpochSecond())
                .put("ttl", 60)
                .put("version", "2.3");
    }

    private record Station(
            String code,
            String name,
            boolean installed,
            int capacity,
            int docks,
            int mechanical,
            int ebike,
            double lat,
            double lon) {

        AreaTotals totals() {
            return new AreaTotals(1, mechanical + ebike, mechanical, ebike, docks);
        }
    }
}
