package org.velibstream.tools.stationtable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.velibstream.tools.stationtable.TestResources.resource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IleDeFranceAreasGeneratorTest {

    @Test
    void writesTheArrondissementsThenTheCommunesWithTheirPostalCodesAndExactCoordinates(@TempDir Path directory)
            throws Exception {
        Path output = directory.resolve("areas/idf.geojson");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status =
                IleDeFranceAreasGenerator.run(arguments(output), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isZero();
        assertThat(Files.readAllLines(output)).hasSize(6).satisfies(lines -> {
            assertThat(lines.get(0)).isEqualTo("{\"type\":\"FeatureCollection\",\"features\":[");
            assertThat(lines.get(1))
                    .startsWith("{\"type\":\"Feature\",\"properties\":{\"postal_code\":\"75016\","
                            + "\"insee_code\":\"75116\",\"commune\":\"Paris\"},\"geometry\":{\"type\":"
                            + "\"Polygon\",\"coordinates\":[[[2.22,48.83],");
            assertThat(lines.get(2)).as("the communes file's 75116").contains("\"insee_code\":\"75116\"");
            assertThat(lines.get(3))
                    .contains("\"postal_code\":\"93200\",\"insee_code\":\"93066\",\"commune\":\"Saint-Denis\"")
                    .contains("\"type\":\"MultiPolygon\"")
                    .as("the source's digits")
                    .contains("[2.33,48.90]");
            assertThat(lines.get(4)).contains("\"postal_code\":\"UNKNOWN\",\"insee_code\":\"95127\"");
            assertThat(lines.get(5)).isEqualTo("]}");
        });
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("1 areas La Poste has no postal code for, postal code UNKNOWN: INSEE [95127]");
    }

    @Test
    void givesTheSameBytesForTheSameInputs(@TempDir Path directory) {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        IleDeFranceAreasGenerator.run(arguments(directory.resolve("first.geojson")), quiet);
        IleDeFranceAreasGenerator.run(arguments(directory.resolve("second.geojson")), quiet);

        assertThat(directory.resolve("second.geojson")).hasSameBinaryContentAs(directory.resolve("first.geojson"));
    }

    @Test
    void reportsBadInputWithItsPlace(@TempDir Path directory) throws Exception {
        Path points = directory.resolve("points.geojson");
        Files.writeString(
                points,
                "{\"type\": \"FeatureCollection\", \"features\": [{\"properties\": {\"insee\": \"75056\"},"
                        + " \"geometry\": {\"type\": \"Point\", \"coordinates\": [2.35, 48.85]}}]}");
        String[] arguments = arguments(directory.resolve("out.geojson"));
        arguments[3] = points.toString();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = IleDeFranceAreasGenerator.run(arguments, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("areas not generated: " + points + ": feature 0: geometry Point,");
    }

    private static String[] arguments(Path output) {
        return new String[] {
            "--arrondissements", resource("arrondissements.geojson").toString(),
            "--communes", resource("communes.geojson").toString(),
            "--postal-codes", resource("laposte.csv").toString(),
            "--output", output.toString()
        };
    }
}
