package org.velibstream.job.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.velibstream.job.ingest.GbfsSystem;
import org.velibstream.job.settings.InputSettings.GbfsCatalogSelection;

/** The systems a MobilityData catalog gives the job, as --gbfs-country and --gbfs-systems select them. */
class CatalogSystemsTest {

    /** The published header, BOM included, and rows as the catalog writes them (quoted commas). */
    static final String CATALOG = "\uFEFFCountry Code,Name,Location,System ID,URL,Auto-Discovery URL,"
            + "Supported Versions,Authentication Info URL,Authentication Type,Authentication Parameter Name\n"
            + "US,Bay Wheels,\"San Francisco Bay Area, CA\",bay_wheels,https://www.lyft.com/bikes/bay-wheels,"
            + "https://gbfs.baywheels.com/gbfs/2.3/gbfs.json,1.1 ; 2.3,,,\n"
            + "US,Citi Bike,\"New York, NY\",citibike-nyc,https://citibikenyc.com,"
            + "https://gbfs.citibikenyc.com/gbfs/2.3/gbfs.json,2.3,,,\n"
            + "FR,Vélib' Métropole,\"Paris, FR\",Paris,https://www.velib-metropole.fr,"
            + "https://velib-metropole-opendata.smovengo.cloud/opendata/Velib_Metropole/gbfs.json,1.0,,,\n"
            + "FR,Sans URL,\"Lyon, FR\",nourl,https://example.org,,,,,\n"
            + "FR,Paris again,\"Paris, FR\",Paris,https://example.org,https://example.org/gbfs.json,,,,\n";

    @TempDir
    Path folder;

    @Test
    void theCountriesSelectedArePolledUnderTheirSystemIdsAndBrokenRowsAreLeftOut() throws Exception {
        List<GbfsSystem> systems = CatalogSystems.select(selection(List.of("fr"), List.of()));

        assertThat(systems)
                .containsExactly(new GbfsSystem(
                        "Paris",
                        URI.create(
                                "https://velib-metropole-opendata.smovengo.cloud/opendata/Velib_Metropole/gbfs.json")));
    }

    @Test
    void systemIdsSelectAcrossCountriesAndAreSanitised() throws Exception {
        Path catalog = Files.writeString(
                folder.resolve("systems.csv"),
                CATALOG + "DE,Nextbike Berlin,\"Berlin, DE\",nextbike berlin!,https://nextbike.de,"
                        + "https://gbfs.nextbike.net/maps/gbfs/v2/nextbike_bn/gbfs.json,2.3,,,\n");

        List<GbfsSystem> systems = CatalogSystems.select(new GbfsCatalogSelection(
                catalog.toString(), List.of(), List.of(" bay_wheels", "nextbike berlin!", "not-in-catalog")));

        assertThat(systems).extracting(GbfsSystem::id).containsExactly("bay_wheels", "nextbike-berlin");
        assertThat(systems).noneMatch(GbfsSystem::idFromFeed);
    }

    @Test
    void aSelectionThatKeepsNoSystemIsAnOptionErrorSayingWhy() throws Exception {
        assertThatThrownBy(() -> CatalogSystems.select(selection(List.of("JP"), List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no system to poll for --gbfs-country [JP]");
        assertThatThrownBy(() -> CatalogSystems.select(selection(List.of(), List.of("nourl"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rejected rows")
                .hasMessageContaining("nourl");
        assertThatThrownBy(() -> CatalogSystems.select(
                        new GbfsCatalogSelection(folder.resolve("absent.csv").toString(), List.of(), List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cannot read --gbfs-catalog");
    }

    private GbfsCatalogSelection selection(List<String> countries, List<String> systemIds) throws Exception {
        Path catalog = Files.writeString(folder.resolve("systems.csv"), CATALOG);
        return new GbfsCatalogSelection(catalog.toString(), countries, systemIds);
    }
}
