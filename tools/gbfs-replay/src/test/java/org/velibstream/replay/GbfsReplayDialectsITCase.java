package org.velibstream.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.velibstream.gbfs.BikeType;
import org.velibstream.gbfs.GbfsDiscovery;
import org.velibstream.gbfs.GbfsVehicleTypes;
import org.velibstream.gbfs.Rejection;
import org.velibstream.gbfs.StationInformation;
import org.velibstream.gbfs.StationInformationDecoder;
import org.velibstream.gbfs.StationListener;
import org.velibstream.gbfs.StationStatus;
import org.velibstream.gbfs.StationStatusDecoder;

/**
 * A mixed catalog over HTTP, as a client finds it: one simulated system per dialect, each discovered from its own
 * {@code gbfs.json}, every feed it lists answering, and its stations decoding cleanly with the job's decoders.
 */
class GbfsReplayDialectsITCase {

    private static final Instant T0 = Instant.parse("2024-11-19T08:00:00Z");
    private static final int STATIONS_PER_SYSTEM = 40;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everySystemOfAMixedCatalogIsDiscoveredAndDecoded() throws Exception {
        ReplayServerOptions options = ReplayServerOptions.parse(
                "--simulate",
                SimulationFixtures.STATIONS_CSV.toString(),
                "--dialect",
                "velib,gbfs1,gbfs2,gbfs3,lyft",
                "--stations-per-system",
                Integer.toString(STATIONS_PER_SYSTEM),
                "--start",
                T0.toString(),
                "--port",
                "0");
        MutableClock clock = new MutableClock(T0);
        try (GbfsReplayServer server = GbfsReplayServer.start(
                new InetSocketAddress("127.0.0.1", 0), GbfsReplayServer.feeds(options, T0), clock)) {
            for (int system = 0; system < options.systems(); system++) {
                FeedDialect dialect = options.dialectOf(system).dialect();
                GbfsDiscovery discovery = GbfsDiscovery.decode(get(server.discoveryUri(system)), "en");
                assertThat(discovery.feeds().keySet())
                        .as("feeds of system %d (%s)", system, dialect)
                        .containsExactlyElementsOf(dialect == FeedDialect.VELIB ? GbfsFeeds.NAMES : dialect.feeds());
                for (URI feed : discovery.feeds().values()) {
                    assertThat(feed.toString())
                            .startsWith(
                                    server.discoveryUri(system).resolve("./").toString());
                    get(feed);
                }

                Map<String, BikeType> vehicleTypes = discovery.feeds().containsKey(GbfsFeeds.VEHICLE_TYPES)
                        ? GbfsVehicleTypes.decode(get(
                                        discovery.feed(GbfsFeeds.VEHICLE_TYPES).orElseThrow()))
                                .bikeTypes()
                        : Map.of();
                List<StationStatus> statuses = new ArrayList<>();
                List<StationInformation> stations = new ArrayList<>();
                List<Rejection> rejections = new ArrayList<>();
                new StationStatusDecoder(vehicleTypes)
                        .decodeDocument(
                                get(discovery.feed(GbfsFeeds.STATION_STATUS).orElseThrow()),
                                StationListener.collectingInto(statuses, rejections));
                new StationInformationDecoder()
                        .decodeDocument(
                                get(discovery
                                        .feed(GbfsFeeds.STATION_INFORMATION)
                                        .orElseThrow()),
                                StationListener.collectingInto(stations, rejections));

                assertThat(rejections).as("rejections of %s", dialect).isEmpty();
                assertThat(statuses).hasSize(STATIONS_PER_SYSTEM);
                assertThat(stations)
                        .extracting(StationInformation::stationId)
                        .as("station_information and station_status name the same stations (%s)", dialect)
                        .containsExactlyElementsOf(
                                statuses.stream().map(StationStatus::stationId).toList());
                assertThat(statuses)
                        .as("the split is known where the dialect gives it, not in GBFS 1.1 (%s)", dialect)
                        .allSatisfy(
                                status -> assertThat(status.ebikes() != null).isEqualTo(dialect != FeedDialect.GBFS1));
            }
        }
    }

    @Test
    void theCatalogListsEverySystemAtItsDiscoveryUrl() throws Exception {
        ReplayServerOptions options = ReplayServerOptions.parse(
                "--simulate",
                SimulationFixtures.STATIONS_CSV.toString(),
                "--dialect",
                "velib,gbfs3,lyft",
                "--stations-per-system",
                "5");
        try (GbfsReplayServer server = GbfsReplayServer.start(
                new InetSocketAddress("127.0.0.1", 0), GbfsReplayServer.feeds(options, T0), new MutableClock(T0))) {
            List<String> lines = server.catalogCsv().lines().toList();

            assertThat(lines.get(0)).startsWith("Country Code,Name,Location,System ID,URL,Auto-Discovery URL,");
            assertThat(lines).hasSize(4);
            assertThat(lines.get(1))
                    .startsWith("FR,\"Vélib' Métropole (simulated, simulated-0)\",Paris,simulated-0,")
                    .contains("," + server.discoveryUri(0) + ",");
            assertThat(lines.get(2))
                    .startsWith("FR,Simulated GBFS 3.0 system (simulated-1),Paris,simulated-1,")
                    .contains("," + server.discoveryUri(1) + ",3.0,");
            assertThat(lines.get(3))
                    .startsWith("US,Simulated Lyft-shape system (simulated-2),Paris,simulated-2,")
                    .contains("," + server.discoveryUri(2) + ",");
            for (int system = 0; system < 3; system++) {
                get(server.discoveryUri(system));
            }
        }
    }

    private byte[] get(URI uri) throws Exception {
        HttpResponse<byte[]> response =
                http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
        return response.body();
    }
}
