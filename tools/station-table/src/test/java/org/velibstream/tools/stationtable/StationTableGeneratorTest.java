package org.velibstream.tools.stationtable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.velibstream.tools.stationtable.TestResources.resource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.velibstream.data.stations.StationRow;
import org.velibstream.data.stations.StationTableCsv;
import org.velibstream.gbfs.StationInformation;

class StationTableGeneratorTest {

    @Test
    void placesEveryStationAndSortsByCode(@TempDir Path directory) throws Exception {
        Path output = directory.resolve("out/stations.csv");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = StationTableGenerator.run(arguments(output), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isZero();
        List<StationRow> rows;
        try (Reader reader = Files.newBufferedReader(output)) {
            rows = StationTableCsv.read(reader, output.toString());
        }
        assertThat(rows)
                .extracting(StationRow::stationCode, StationRow::postalCode, StationRow::inseeCode, StationRow::commune)
                .containsExactly(
                        tuple("16107", "75016", "75116", "Paris"),
                        tuple("21001", "UNKNOWN", null, null),
                        tuple("32001", "93200", "93066", "Saint-Denis"),
                        tuple("32002", "UNKNOWN", null, null),
                        tuple("32003", "93200", "93066", "Saint-Denis"),
                        tuple("40001", "UNKNOWN", "95127", "Commune sans code"));
        assertThat(rows.get(0).stationId()).isEqualTo("17278902806");
        assertThat(rows.get(2).name()).isEqualTo("Stade de France, \"Porte A\"");
        assertThat(rows.get(2).capacity()).isZero();
        assertThat(rows.get(3).capacity()).isNull();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("station entry left out of the table: missing lat or lon: {\"station_id\": 7,")
                .contains("2 stations outside every area, postal code UNKNOWN: [21001, 32002]")
                .contains("1 stations in a commune La Poste has no postal code for, postal code UNKNOWN:"
                        + " [40001 (INSEE 95127)]")
                .contains("wrote 6 stations to");
    }

    @Test
    void givesTheSameBytesForTheSameInputs(@TempDir Path directory) throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        StationTableGenerator.run(arguments(directory.resolve("first.csv")), quiet);
        StationTableGenerator.run(arguments(directory.resolve("second.csv")), quiet);

        assertThat(directory.resolve("second.csv")).hasSameBinaryContentAs(directory.resolve("first.csv"));
    }

    @Test
    void refusesTwoStationsWithTheSameCode() throws Exception {
        StationTableGenerator generator = new StationTableGenerator(List.of(), Map.of());
        StationInformation first = new StationInformation("1", "16107", "A", 48.86, 2.27, 10, null, null);
        StationInformation second = new StationInformation("2", "16107", "B", 48.87, 2.28, 10, null, null);

        assertThatThrownBy(() -> generator.generate(List.of(first, second)))
                .hasMessage("station code 16107 is used by station ids 1 and 2");
    }

    @Test
    void repairsMisencodedNamesAndLeavesProperOnes(@TempDir Path directory) throws Exception {
        StationTableGenerator generator = new StationTableGenerator(List.of(), Map.of());
        StationInformation doubled =
                new StationInformation("1", "10001", "RenÃƒÂ© Boulanger - Lancry", 48.86, 2.36, 62, null, null);
        StationInformation proper = new StationInformation("2", "8001", "Champs-Élysées", 48.87, 2.30, 20, null, null);

        StationTableGenerator.Table table = generator.generate(List.of(doubled, proper));

        assertThat(table.rows())
                .extracting(StationRow::name)
                .containsExactly("René Boulanger - Lancry", "Champs-Élysées");
        assertThat(table.repairedNames())
                .containsExactly("10001 'RenÃƒÂ© Boulanger - Lancry' -> 'René Boulanger - Lancry'");
        Path csv = directory.resolve("stations.csv");
        try (var writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            StationTableCsv.write(table.rows(), writer);
        }
        assertThat(new String(Files.readAllBytes(csv), StandardCharsets.UTF_8))
                .as("written as UTF-8")
                .contains("René Boulanger", "Champs-Élysées");
    }

    @Test
    void explainsUsageErrors() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = StationTableGenerator.run(
                new String[] {"--output", "x.csv", "--colour", "blue"},
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("unknown option --colour")
                .contains("usage:");
    }

    @Test
    void reportsAnUnreadableInput(@TempDir Path directory) {
        String[] arguments = arguments(directory.resolve("stations.csv"));
        arguments[1] = directory.resolve("missing.json").toString();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = StationTableGenerator.run(arguments, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("station table not generated:");
    }

    private static String[] arguments(Path output) {
        return new String[] {
            "--station-information", resource("station_information.json").toString(),
            "--arrondissements", resource("arrondissements.geojson").toString(),
            "--communes", resource("communes.geojson").toString(),
            "--postal-codes", resource("laposte.csv").toString(),
            "--output", output.toString()
        };
    }
}
