package org.velibstream.tools.stationtable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.velibstream.data.stations.StationRow;
import org.velibstream.data.stations.StationTableCsv;

/**
 * The committed {@code data/stations.csv} against the real inputs of {@code ../shared/data}: it must be what the
 * generator produces from them, and it is compared with the postal codes of the "velib-projet" course's
 * {@code stations_information.csv}.
 */
class StationTableRealDataTest {

    private static final Path REPOSITORY = Path.of("../..");
    private static final Path SHARED = REPOSITORY.resolve("../shared/data");

    @Test
    void committedTableIsWhatTheGeneratorProducesFromTheRealInputs(@TempDir Path temp) throws Exception {
        Path regenerated = temp.resolve("stations.csv");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = StationTableGenerator.run(
                new String[] {
                    "--station-information", shared("gbfs_snapshots/2024-11-19_banacchini/station_information.json"),
                    "--arrondissements", shared("mappings/etp4eva/arrondissements.geojson"),
                    "--communes", shared("mappings/etp4eva/communes-dile-de-france-au-01-janvier.geojson"),
                    "--postal-codes", shared("mappings/laposte_hexasmal_idf.csv"),
                    "--output", regenerated.toString()
                },
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(regenerated).hasSameBinaryContentAs(REPOSITORY.resolve("data/stations.csv"));
    }

    @Test
    void agreesWithTheCoursePostalCodesExceptAtBordersAndDoubleCodes() throws Exception {
        Map<String, String> reference = readReference(Path.of(shared("mappings/stations_information.csv")));
        Map<String, StationRow> byStationCode = new HashMap<>();
        Path committed = REPOSITORY.resolve("data/stations.csv");
        try (Reader in = Files.newBufferedReader(committed, StandardCharsets.UTF_8)) {
            StationTableCsv.read(in, committed.toString()).forEach(row -> byStationCode.put(row.stationCode(), row));
        }

        int compared = 0;
        int agreeing = 0;
        Map<String, Integer> disagreements = new TreeMap<>();
        for (Map.Entry<String, String> expected : reference.entrySet()) {
            StationRow row = byStationCode.get(expected.getKey());
            if (row == null || expected.getValue().isEmpty()) {
                continue;
            }
            compared++;
            String ours = row.postalCode();
            if (ours.equals(expected.getValue())) {
                agreeing++;
            } else {
                disagreements.merge(expected.getValue() + "→" + ours, 1, Integer::sum);
            }
        }
        double agreement = (double) agreeing / compared;
        System.out.printf(
                "postal codes: %d of %d stations agree with stations_information.csv (%.1f%%);"
                        + " reference→ours: %s%n",
                agreeing, compared, 100 * agreement, disagreements);

        assertThat(byStationCode).hasSize(1485);
        assertThat(byStationCode.get("16107").postalCode()).isEqualTo("75016");
        assertThat(agreement).as("agreement with the course's table").isGreaterThan(0.96);
        assertThat(disagreements)
                .as("the two-postal-code rule explains these")
                .containsEntry("93210→93200", 4)
                .containsEntry("75116→75016", 3);
    }

    private static Map<String, String> readReference(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("stationCode,station_id,postcode,city");
        Map<String, String> postcodeByCode = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1); // the file has no quoted fields
            postcodeByCode.put(fields[0], fields[2]);
        }
        return postcodeByCode;
    }

    private static String shared(String relative) {
        Path path = SHARED.resolve(relative);
        assumeTrue(Files.isReadable(path), () -> "shared real data not available, skipped: " + path.toAbsolutePath());
        return path.toString();
    }
}
