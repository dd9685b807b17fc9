package org.velibstream.gbfs.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.velibstream.gbfs.GbfsDecodingException;

/**
 * The catalog reader on catalogs made of the characters that matter to CSV (quotes, commas, line breaks) around a
 * valid header: it reads them or refuses them with a reason, and every system it keeps can be polled.
 */
class HostileCatalogTest {

    private static final String HEADER = "Country Code,Name,Location,System ID,URL,Auto-Discovery URL,"
            + "Supported Versions,Authentication Info URL,Authentication Type,Authentication Parameter Name\r\n";

    @Property
    void readsOrRefusesWithAReason(@ForAll("bodies") String body) throws IOException {
        byte[] csv = (HEADER + body).getBytes(StandardCharsets.UTF_8);
        GbfsCatalog catalog;
        try {
            catalog = GbfsCatalog.read(new ByteArrayInputStream(csv));
        } catch (GbfsDecodingException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(catalog.systems()).allSatisfy(system -> {
            assertThat(system.systemId()).isNotBlank();
            assertThat(system.autoDiscoveryUrl().isAbsolute()).isTrue();
        });
        assertThat(catalog.rejected()).allSatisfy(rejection -> {
            assertThat(rejection.reason()).isNotBlank();
            assertThat(rejection.rowNumber()).isGreaterThan(1);
        });
        assertThat(catalog.filter(Set.of(), Set.of()).systems())
                .extracting(CatalogSystem::systemId)
                .doesNotHaveDuplicates();
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of(",", "\"", "\"\"", "\r\n", "\n", "\r", " ", ";", "\uFEFF", "é"),
                Arbitraries.of("FR", "us", "velib", "x y", "https://a.example/gbfs.json", "http://b", "/rel", "3.0"));
        return pieces.list().ofMaxSize(60).map(list -> String.join("", list));
    }
}
