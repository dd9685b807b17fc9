package org.velibstream.job.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.velibstream.gbfs.BikeType;
import org.velibstream.job.ingest.GbfsSystemProfile;
import org.velibstream.job.settings.JobConfiguration;
import org.velibstream.job.settings.JobSettings;
import org.velibstream.source.http.HttpEndpoint;
import org.velibstream.source.http.TestHttpServer;

/**
 * Discovery against a real local HTTP server: gbfs.json in GBFS 2.x (feeds keyed by language) and 3.0, the station
 * feeds it must list, and the optional system_information, vehicle_types and system_regions that make the profile.
 */
class GbfsSystemProfileDiscoveryITCase {

    private TestHttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new TestHttpServer();
        serve("/bw/system_information.json", RecordedSystemTest.SYSTEM_INFORMATION.replace("fgb", "Bay Wheels!"));
        serve("/bw/vehicle_types.json", RecordedSystemTest.VEHICLE_TYPES);
        serve("/bw/system_regions.json", RecordedSystemTest.SYSTEM_REGIONS);
        serve("/bw/gbfs.json", v2Discovery("/bw/", "system_information", "vehicle_types", "system_regions"));
        // GBFS 3.0: system_information says Europe/Oslo, vehicle_types answers 500, system_regions is not JSON.
        serve("/v3/system_information.json", """
                {"last_updated":"2026-12-03T10:00:00Z","ttl":60,"version":"3.0","data":{"system_id":"oslobysykkel",
                 "name":[{"text":"Oslo Bysykkel","language":"nb"}],"timezone":"Europe/Oslo","languages":["nb"]}}""");
        server.handle("/v3/vehicle_types.json", exchange -> TestHttpServer.respond(exchange, 500, "boom"));
        serve("/v3/system_regions.json", "<html>");
        serve("/v3/gbfs.json", """
                {"last_updated":"2026-12-03T10:00:00Z","ttl":60,"version":"3.0","data":{"feeds":[
                 {"name":"station_status","url":"%1$sstation_status.json"},
                 {"name":"station_information","url":"%1$sstation_information.json"},
                 {"name":"system_information","url":"%1$ssystem_information.json"},
                 {"name":"vehicle_types","url":"%1$svehicle_types.json"},
                 {"name":"system_regions","url":"%1$ssystem_regions.json"}]}}""".formatted(server.uri("/v3/")));
        serve("/bare/gbfs.json", v2Discovery("/bare/"));
        serve("/nostatus/gbfs.json", """
                {"last_updated":1,"ttl":0,"data":{"en":{"feeds":[
                 {"name":"station_information","url":"%sstation_information.json"}]}}}""".formatted(server.uri("/nostatus/")));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void aBareUrlTakesItsIdFromSystemInformationAndItsFeedsMakeTheProfile() throws Exception {
        InputSources inputs = http(server.uri("/bw/gbfs.json").toString());

        GbfsSystemProfile profile = new GbfsSystemProfile(
                "Bay-Wheels",
                "Bay Wheels",
                ZoneId.of("America/Los_Angeles"),
                Map.of("1", BikeType.MECHANICAL, "2", BikeType.EBIKE),
                Map.of("3", "San Francisco", "5", "Oakland"));
        assertThat(inputs.profiles()).isEqualTo(Map.of("Bay-Wheels", profile));
        assertThat(inputs.endpoints())
                .extracting(HttpEndpoint::id)
                .containsExactly(
                        "Bay-Wheels/station_status", "Bay-Wheels/station_information", "Bay-Wheels/vehicle_types");
        assertThat(inputs.endpoints().get(0).uri()).isEqualTo(server.uri("/bw/station_status.json"));
        assertThat(inputs.timeZones().zoneOf("Bay-Wheels")).isEqualTo(ZoneId.of("America/Los_Angeles"));
    }

    @Test
    void brokenOptionalFeedsLeaveTheirPartEmptyAndAGivenIdStands() throws Exception {
        InputSources inputs = http(
                "oslo=" + server.uri("/v3/gbfs.json") + ";" + server.uri("/bare/gbfs.json"),
                "--time-zone",
                "Asia/Tokyo");

        String bareId = "127-0-0-1-" + server.uri("/").getPort();
        assertThat(inputs.profiles())
                .isEqualTo(Map.of(
                        "oslo",
                        new GbfsSystemProfile("oslo", "Oslo Bysykkel", ZoneId.of("Europe/Oslo"), Map.of(), Map.of()),
                        bareId,
                        GbfsSystemProfile.unknown(bareId)));
        assertThat(inputs.endpoints())
                .extracting(HttpEndpoint::id)
                .containsExactly(
                        "oslo/station_status",
                        "oslo/station_information",
                        "oslo/vehicle_types",
                        bareId + "/station_status",
                        bareId + "/station_information");
        assertThat(inputs.timeZones().zoneOf("oslo"))
                .as("--time-zone overrides")
                .isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(server.requests("/bare/system_information.json"))
                .as("not listed, not asked for")
                .isEmpty();
    }

    @Test
    void aSystemWithoutStationStatusOrTwoSystemsOfOneIdFailTheBuild() {
        assertThatThrownBy(() -> http(server.uri("/nostatus/gbfs.json").toString()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("lists no station_status feed");
        assertThatThrownBy(() -> http(server.uri("/bw/gbfs.json") + ";" + server.uri("/bw/gbfs.json")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Two GBFS systems have the id 'Bay-Wheels'");
    }

    @Test
    void catalogSystemsArePolledUnderTheirIdsAndOneThatCannotBeDiscoveredIsLeftOut(@TempDir Path folder)
            throws Exception {
        Path catalog = Files.writeString(
                folder.resolve("systems.csv"),
                "Country Code,Name,Location,System ID,URL,Auto-Discovery URL\n"
                        + "US,Bay Wheels,\"San Francisco, CA\",bay_wheels,https://example.org,"
                        + server.uri("/bw/gbfs.json")
                        + "\nUS,Down,\"Nowhere, CA\",down,https://example.org," + server.uri("/down/gbfs.json")
                        + "\nNO,Oslo,Oslo,oslobysykkel,https://example.org," + server.uri("/v3/gbfs.json") + "\n");

        InputSources inputs = resolve(
                "--source", "http", "--sink", "print", "--gbfs-catalog", catalog.toString(), "--gbfs-country", "us");

        assertThat(inputs.profiles()).containsOnlyKeys("bay_wheels");
        assertThat(inputs.profiles().get("bay_wheels").timeZone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
        assertThat(inputs.endpoints())
                .extracting(HttpEndpoint::id)
                .containsExactly(
                        "bay_wheels/station_status", "bay_wheels/station_information", "bay_wheels/vehicle_types");
        assertThatThrownBy(() ->
                        resolve("--source", "http", "--gbfs-catalog", catalog.toString(), "--gbfs-systems", "down"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("None of the 1 system(s) selected from --gbfs-catalog");
    }

    private String v2Discovery(String base, String... optionalFeeds) {
        StringBuilder feeds = new StringBuilder();
        for (String feed : optionalFeeds) {
            feeds.append(",{\"name\":\"%s\",\"url\":\"%s\"}".formatted(feed, server.uri(base + feed + ".json")));
        }
        return """
                {"last_updated":1673420296,"ttl":0,"data":{"en":{"feeds":[
                 {"name":"station_status","url":"%1$sstation_status.json"},
                 {"name":"station_information","url":"%1$sstation_information.json"}%2$s]}}}""".formatted(server.uri(base), feeds);
    }

    private void serve(String path, String body) {
        server.handle(path, exchange -> TestHttpServer.respond(exchange, 200, body));
    }

    private static InputSources http(String gbfs, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--source", "http", "--sink", "print", "--gbfs", gbfs));
        args.addAll(List.of(more));
        return resolve(args.toArray(String[]::new));
    }

    private static InputSources resolve(String... args) throws Exception {
        JobSettings settings = JobSettings.from(JobConfiguration.fromArgs(args));
        return InputSources.resolve(settings.input(), null);
    }
}
