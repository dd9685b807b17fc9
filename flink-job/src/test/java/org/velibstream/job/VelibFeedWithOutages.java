package org.velibstream.job;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import org.velibstream.source.http.TestHttpServer;

/**
 * A Vélib' GBFS system on real HTTP servers whose station_status can go down: discovery and station_information on
 * one server, station_status on a {@link FeedOutageServer}, which serves the fixture's 08:00 document as of now (every
 * station reported a few seconds ago) while it is up. For the tests of feeds going down.
 */
final class VelibFeedWithOutages implements AutoCloseable {

    private final FeedOutageServer statusServer;
    private final TestHttpServer gbfs;

    VelibFeedWithOutages() throws IOException {
        String status =
                Files.readString(ReplayFixture.statusDirectory().resolve("2024-11-19T0800_station_status.json"));
        String information = Files.readString(ReplayFixture.informationFile());
        statusServer = new FeedOutageServer(() -> statusAsOfNow(status));
        gbfs = new TestHttpServer();
        gbfs.handle("/station_information.json", exchange -> TestHttpServer.respond(exchange, 200, information));
        gbfs.handle(
                "/gbfs.json",
                exchange -> TestHttpServer.respond(exchange, 200, """
                {"last_updated": %d, "ttl": 60, "version": "2.3", "data": {"en": {"feeds": [
                  {"name": "station_status", "url": "%s"},
                  {"name": "station_information", "url": "%s"}]}}}
                """.formatted(
                        Instant.now().getEpochSecond(), statusServer.uri(), gbfs.uri("/station_information.json"))));
    }

    /** The station_status endpoint, to take down and bring back. */
    FeedOutageServer statusServer() {
        return statusServer;
    }

    /** The system's {@code gbfs.json}, for {@code --gbfs velib=<uri>}. */
    URI discovery() {
        return gbfs.uri("/gbfs.json");
    }

    @Override
    public void close() {
        statusServer.close();
        gbfs.close();
    }

    private static String statusAsOfNow(String document) {
        long now = Instant.now().getEpochSecond();
        return document.replaceAll("\"lastUpdatedOther\": \\d+", "\"lastUpdatedOther\": " + now)
                .replaceAll("\"last_reported\": \\d+", "\"last_reported\": " + (now - 5));
    }
}
