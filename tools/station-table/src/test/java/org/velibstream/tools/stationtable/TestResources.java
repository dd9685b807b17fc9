package org.velibstream.tools.stationtable;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Paths of the test inputs under {@code src/test/resources/stations}. */
final class TestResources {

    private TestResources() {}

    static Path resource(String name) {
        URL url = TestResources.class.getResource("/stations/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no test resource /stations/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
