package org.velibstream.gbfs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Test payloads under {@code src/test/resources/gbfs}. */
final class Fixtures {

    private Fixtures() {}

    static byte[] fixture(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/gbfs/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture /gbfs/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
