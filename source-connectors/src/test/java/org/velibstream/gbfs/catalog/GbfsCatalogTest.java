package org.velibstream.gbfs.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.velibstream.gbfs.GbfsDecodingException;

class GbfsCatalogTest {

    @Test
    void readsThePublishedFormatWithQuotesBomAndCrlf() throws Exception {
        GbfsCatalog catalog = fixture();

        assertThat(catalog.systems())
                .extracting(CatalogSystem::systemId)
                .containsExactly("velib", "bay_wheels", "citi_bike", "neuron_1", "neuron_1", "keyed", "multi");
        assertThat(catalog.systems().get(1))
                .isEqualTo(new CatalogSystem(
                        "US",
                        "Bay Wheels, by Lyft",
                        "San Francisco Bay Area, CA",
                        "bay_wheels",
                        "https://www.lyft.com/bikes/bay-wheels",
                        URI.create("https://gbfs.example.com/bay_wheels/gbfs.json"),
                        List.of("1.1", "2.3")));
        assertThat(catalog.systems().get(0).name()).isEqualTo("Vélib' Métropole");
        assertThat(catalog.systems().get(6)).satisfies(multi -> {
            assertThat(multi.name()).isEqualTo("Multi\r\nline \"Bikes\"");
            assertThat(multi.supportedVersions()).isEmpty();
        });
    }

    @Test
    void rejectsRowsThatCannotBePolledWithTheirLine() throws Exception {
        GbfsCatalog catalog = fixture();

        assertThat(catalog.rejected())
                .extracting(CatalogRejection::rowNumber, CatalogRejection::reason, CatalogRejection::systemId)
                .containsExactly(
                        tuple(7, "missing System ID", ""),
                        tuple(8, "Auto-Discovery URL is not an absolute http(s) URL: not a url", "broken"),
                        tuple(9, "Auto-Discovery URL is not an absolute http(s) URL: /gbfs.json", "relative"),
                        // The stray comma shifts the cells: the System ID column holds "AT".
                        tuple(11, "11 cells where the header has 10 (a comma outside quotes?)", "AT"));
        assertThat(catalog.rejected().get(1).toString())
                .isEqualTo("systems.csv line 8 (broken): Auto-Discovery URL is not an absolute http(s) URL: not a url");
    }

    @Test
    void filtersByCountryInAnyCaseAndBySystemId() throws Exception {
        GbfsCatalog catalog = fixture();

        assertThat(catalog.filter(Set.of("us"), Set.of()).systems())
                .extracting(CatalogSystem::systemId)
                .containsExactly("bay_wheels", "citi_bike");
        assertThat(catalog.filter(Set.of(), Set.of("velib", "keyed")).systems())
                .extracting(CatalogSystem::systemId)
                .containsExactly("velib", "keyed");
        assertThat(catalog.filter(Set.of("FR"), Set.of("keyed")).systems()).isEmpty();
        assertThat(catalog.filter(Set.of(), Set.of()).systems()).hasSize(6);
    }

    @Test
    void keepsTheRejectionsTheFilterMatches() throws Exception {
        GbfsCatalog germany = fixture().filter(Set.of("de"), Set.of());

        assertThat(germany.systems()).extracting(CatalogSystem::systemId).containsExactly("keyed");
        assertThat(germany.rejected()).extracting(CatalogRejection::systemId).containsExactly("broken", "relative");
    }

    @Test
    void keepsOneSystemPerIdInASelection() throws Exception {
        GbfsCatalog canada = fixture().filter(Set.of("CA"), Set.of());

        assertThat(canada.systems())
                .extracting(CatalogSystem::systemId, CatalogSystem::location)
                .containsExactly(tuple("neuron_1", "Calgary, CA"));
        assertThat(canada.rejected())
                .extracting(CatalogRejection::rowNumber, CatalogRejection::reason)
                .containsExactly(
                        tuple(
                                6,
                                "System ID neuron_1 is already the id of the system on line 5; two systems under one"
                                        + " id would be counted as one"),
                        tuple(7, "missing System ID"));
    }

    @Test
    void namesTheSystemIdsItDoesNotKnow() throws Exception {
        assertThat(fixture().unknownSystemIds(Set.of("velib", "broken", "velov")))
                .containsExactly("velov");
    }

    @Test
    void findsColumnsByNameInAnyOrderAndWithoutTheNewerOnes() throws Exception {
        GbfsCatalog catalog = catalog("Auto-Discovery URL,System ID,URL,Location,Name,Country Code\n"
                + "https://example.org/gbfs.json,ex,,\"Lyon, FR\",Example,FR\n");

        assertThat(catalog.systems())
                .containsExactly(new CatalogSystem(
                        "FR",
                        "Example",
                        "Lyon, FR",
                        "ex",
                        null,
                        URI.create("https://example.org/gbfs.json"),
                        List.of()));
    }

    @Test
    void failsWithoutARequiredColumn() {
        assertThatThrownBy(() -> catalog("Country Code,Name,Location,System ID,URL\nFR,A,B,c,https://x.org\n"))
                .isInstanceOf(GbfsDecodingException.class)
                .hasMessage("the GBFS catalog has no \"Auto-Discovery URL\" column (header: Country Code,Name,"
                        + "Location,System ID,URL)");
        assertThatThrownBy(() -> catalog("")).hasMessage("the GBFS catalog is empty: no header row");
    }

    @Test
    void failsAnUnclosedQuoteOrText() {
        assertThatThrownBy(
                        () -> catalog(
                                "Country Code,Name,Location,System ID,URL,Auto-Discovery URL\nFR,\"Open,Paris,x,,https://x.org\n"))
                .isInstanceOf(GbfsDecodingException.class)
                .hasMessage("a quoted field of the row on line 2 is never closed");
        byte[] latin1 = "Country Code,Name,Location,System ID,URL,Auto-Discovery URL\nFR,Vélo,,v,,https://x.org\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> GbfsCatalog.read(new ByteArrayInputStream(latin1)))
                .isInstanceOf(GbfsDecodingException.class)
                .hasMessageStartingWith("the GBFS catalog is not UTF-8 text");
    }

    private static GbfsCatalog fixture() throws IOException {
        try (InputStream in = GbfsCatalogTest.class.getResourceAsStream("/catalog/systems.csv")) {
            return GbfsCatalog.read(in);
        }
    }

    private static GbfsCatalog catalog(String text) throws IOException {
        return GbfsCatalog.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
