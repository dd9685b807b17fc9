package org.velibstream.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.velibstream.data.stations.StationRow;
import org.velibstream.gbfs.GbfsDiscovery;

/** The HTTP side of the server on an ephemeral port: routing, discovery URLs, validators and 304s. */
class GbfsReplayServerITCase {

    private static final Instant T0 = Instant.parse("2024-11-19T08:00:00Z");

    private final HttpClient http = HttpClient.newHttpClient();
    private final MutableClock clock = new MutableClock(T0);
    private GbfsReplayServer server;

    /** Each system serves a status whose bytes name the system and the minute of the clock. */
    @BeforeEach
    void startServer() throws IOException {
        server = GbfsReplayServer.start(
                new InetSocketAddress("127.0.0.1", 0), List.of(minuteFeeds("first"), minuteFeeds("second")), clock);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void discoveryListsTheFeedsAtTheAddressTheServerListensOn() throws Exception {
        HttpResponse<byte[]> response = get("/gbfs.json", Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        GbfsDiscovery discovery = GbfsDiscovery.decode(response.body(), "en");
        String base = "http://127.0.0.1:" + server.port() + "/";
        assertThat(discovery.feeds())
                .containsExactly(
                        Map.entry("system_information", URI.create(base + "system_information.json")),
                        Map.entry("station_information", URI.create(base + "station_information.json")),
                        Map.entry("station_status", URI.create(base + "station_status.json")));
        assertThat(discovery.header().lastUpdated())
                .as("gbfs.json takes the status's time")
                .isEqualTo(T0);
        assertThat(server.discoveryUri()).isEqualTo(URI.create(base + "gbfs.json"));
    }

    @Test
    void eachSystemHasItsOwnDiscoveryAndFeedsUnderSystems() throws Exception {
        GbfsDiscovery discovery =
                GbfsDiscovery.decode(get("/systems/1/gbfs.json", Map.of()).body(), null);
        URI statusUri = discovery.feed("station_status").orElseThrow();

        assertThat(statusUri)
                .isEqualTo(URI.create("http://127.0.0.1:" + server.port() + "/systems/1/station_status.json"));
        assertThat(server.discoveryUri(1)).isEqualTo(statusUri.resolve("gbfs.json"));
        assertThat(text(get(statusUri.getPath(), Map.of()))).isEqualTo("second 0");
        assertThat(text(get("/systems/0/station_status.json", Map.of()))).isEqualTo("first 0");
        assertThat(text(get("/station_status.json", Map.of()))).isEqualTo("first 0");
    }

    @Test
    void everyFeedCarriesItsValidators() throws Exception {
        HttpResponse<byte[]> response = get("/station_status.json", Map.of());

        assertThat(response.headers().firstValue("ETag"))
                .hasValueSatisfying(etag -> assertThat(etag).matches("\"[0-9a-f]{32}\""));
        assertThat(response.headers().firstValue("Last-Modified")).hasValue("Tue, 19 Nov 2024 08:00:00 GMT");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("max-age=60");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(get("/gbfs.json", Map.of()).headers().firstValue("ETag")).isPresent();
    }

    @Test
    void matchingEntityTagGivesNotModifiedUntilTheDocumentChanges() throws Exception {
        String etag = get("/station_status.json", Map.of())
                .headers()
                .firstValue("ETag")
                .orElseThrow();

        HttpResponse<byte[]> unchanged = get("/station_status.json", Map.of("If-None-Match", "\"other\", W/" + etag));
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(unchanged.headers().firstValue("ETag")).hasValue(etag);

        clock.advance(Duration.ofMinutes(1));
        HttpResponse<byte[]> changed = get("/station_status.json", Map.of("If-None-Match", etag));
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(text(changed)).isEqualTo("first 1");
        assertThat(changed.headers().firstValue("ETag")).isPresent().isNotEqualTo(Optional.of(etag));
    }

    @Test
    void ifModifiedSinceGivesNotModifiedUnlessTheDocumentIsNewer() throws Exception {
        assertThat(get("/station_status.json", Map.of("If-Modified-Since", "Tue, 19 Nov 2024 08:00:00 GMT"))
                        .statusCode())
                .isEqualTo(304);
        assertThat(get("/station_status.json", Map.of("If-Modified-Since", "Tue, 19 Nov 2024 07:59:59 GMT"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(get("/station_status.json", Map.of("If-Modified-Since", "not a date"))
                        .statusCode())
                .as("an invalid date is ignored")
                .isEqualTo(200);
    }

    @Test
    void aNonMatchingEntityTagWinsOverIfModifiedSince() throws Exception {
        HttpResponse<byte[]> response = get(
                "/station_status.json",
                Map.of("If-None-Match", "\"stale\"", "If-Modified-Since", "Tue, 19 Nov 2024 09:00:00 GMT"));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void unknownPathsAndMethodsAreRefusedWithAReason() throws Exception {
        HttpResponse<byte[]> missing = get("/free_bike_status.json", Map.of());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(text(missing)).contains("/gbfs.json");
        assertThat(get("/systems/2/gbfs.json", Map.of()).statusCode()).isEqualTo(404);
        assertThat(get("/systems/x/gbfs.json", Map.of()).statusCode()).isEqualTo(404);
        assertThat(get("/station_information.json", Map.of()).statusCode())
                .as("a feed the system does not have")
                .isEqualTo(404);

        HttpResponse<byte[]> post = http.send(
                HttpRequest.newBuilder(uri("/gbfs.json"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void headAnswersWithTheHeadersOnly() throws Exception {
        HttpResponse<byte[]> head = http.send(
                HttpRequest.newBuilder(uri("/station_status.json"))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("ETag")).isPresent();
    }

    @Test
    void simulationOptionsGiveOneSystemPerCopy() throws IOException {
        Instant simulatedStart = Instant.parse("2024-11-19T07:00:00Z");
        List<GbfsFeeds> systems = GbfsReplayServer.feeds(
                ReplayServerOptions.parse(
                        "--simulate",
                        SimulationFixtures.STATIONS_CSV.toString(),
                        "--systems",
                        "2",
                        "--start",
                        simulatedStart.toString(),
                        "--speed",
                        "60"),
                T0);

        assertThat(systems).hasSize(2);
        FeedDocument first =
                systems.get(0).feed(GbfsFeeds.STATION_STATUS, T0.plusSeconds(1)).orElseThrow();
        FeedDocument second =
                systems.get(1).feed(GbfsFeeds.STATION_STATUS, T0.plusSeconds(1)).orElseThrow();
        assertThat(first.lastModified()).isEqualTo(simulatedStart.plusSeconds(60));
        assertThat(first.sameBytes(second))
                .as("each system its own seed and ids")
                .isFalse();
    }

    @Test
    void stationsPerSystemGivesEachSystemItsOwnRowsOfTheTableWrappingAround() {
        List<StationRow> rows = SimulationFixtures.stationRows();

        List<StationRow> first = GbfsReplayServer.stationsOfSystem(rows, 0, 150);
        List<StationRow> wrapping = GbfsReplayServer.stationsOfSystem(rows, 9, 150);

        assertThat(first).containsExactlyElementsOf(rows.subList(0, 150));
        assertThat(wrapping).hasSize(150).startsWith(rows.get(1350)).endsWith(rows.get(1500 - rows.size() - 1));
        assertThat(GbfsReplayServer.stationsOfSystem(rows, 3, 0)).isSameAs(rows);
    }

    @Test
    void theRequestLogRecordsEveryRequestWithTheDocumentTimeServed(@TempDir Path folder) throws Exception {
        Path log = folder.resolve("requests.log");
        try (GbfsReplayServer logged = GbfsReplayServer.start(
                new InetSocketAddress("127.0.0.1", 0), List.of(minuteFeeds("only")), clock, log)) {
            HttpClient client = HttpClient.newHttpClient();
            URI status = logged.discoveryUri().resolve("station_status.json");
            String etag = client.send(HttpRequest.newBuilder(status).build(), HttpResponse.BodyHandlers.discarding())
                    .headers()
                    .firstValue("ETag")
                    .orElseThrow();
            client.send(
                    HttpRequest.newBuilder(status).header("If-None-Match", etag).build(),
                    HttpResponse.BodyHandlers.discarding());
            client.send(
                    HttpRequest.newBuilder(status.resolve("nothing.json")).build(),
                    HttpResponse.BodyHandlers.discarding());
        }

        long now = clock.millis();
        assertThat(Files.readAllLines(log))
                .containsExactly(
                        now + " GET /station_status.json 200 " + T0.getEpochSecond(),
                        now + " GET /station_status.json 304 " + T0.getEpochSecond(),
                        now + " GET /nothing.json 404 -");
    }

    @Test
    void snapshotOptionsReplayTheRecordingsFromNow(@TempDir Path recordings) throws IOException {
        for (int minute = 0; minute < 2; minute++) {
            Path file = recordings.resolve(minute + "/station_status.json");
            Files.createDirectories(file.getParent());
            Files.writeString(file, SnapshotRecordingsTest.status(T0.plusSeconds(60 * minute)));
        }
        List<GbfsFeeds> systems = GbfsReplayServer.feeds(
                ReplayServerOptions.parse("--snapshots", recordings.toString(), "--speed", "60"), T0);

        assertThat(systems).hasSize(1);
        assertThat(systems.get(0)
                        .feed(GbfsFeeds.STATION_STATUS, T0.plusMillis(999))
                        .orElseThrow()
                        .lastModified())
                .isEqualTo(T0);
        assertThat(systems.get(0)
                        .feed(GbfsFeeds.STATION_STATUS, T0.plusSeconds(1))
                        .orElseThrow()
                        .lastModified())
                .isEqualTo(T0.plusSeconds(60));
    }

    private static GbfsFeeds minuteFeeds(String system) {
        return (name, now) -> {
            if (!name.equals(GbfsFeeds.STATION_STATUS)) {
                return Optional.empty();
            }
            long minute = Duration.between(T0, now).toMinutes();
            byte[] body = (system + ' ' + minute).getBytes(StandardCharsets.UTF_8);
            return Optional.of(new FeedDocument(body, T0.plusSeconds(60 * minute), 60));
        };
    }

    private HttpResponse<byte[]> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
