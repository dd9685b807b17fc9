package org.velibstream.tools.stationtable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed built-in areas of data/ must be what the generator produces from the real inputs of ../shared/data. */
class IleDeFranceAreasRealDataTest {

    private static final Path REPOSITORY = Path.of("../..");
    private static final Path SHARED = REPOSITORY.resolve("../shared/data");

    @Test
    void committedAreasAreWhatTheGeneratorProducesFromTheRealInputs(@TempDir Path temp) {
        Path regenerated = temp.resolve("ile-de-france-postal-codes.geojson");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = IleDeFranceAreasGenerator.run(
                new String[] {
                    "--arrondissements", shared("mappings/etp4eva/arrondissements.geojson"),
                    "--communes", shared("mappings/etp4eva/communes-dile-de-france-au-01-janvier.geojson"),
                    "--postal-codes", shared("mappings/laposte_hexasmal_idf.csv"),
                    "--output", regenerated.toString()
                },
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("no postal code");
        assertThat(regenerated)
                .hasSameBinaryContentAs(
                        REPOSITORY.resolve("data/src/main/resources/areas/ile-de-france-postal-codes.geojson"));
    }

    private static String shared(String relative) {
        Path path = SHARED.resolve(relative);
        assumeTrue(Files.isReadable(path), () -> "shared real data not available, skipped: " + path.toAbsolutePath());
        return path.toString();
    }
}
