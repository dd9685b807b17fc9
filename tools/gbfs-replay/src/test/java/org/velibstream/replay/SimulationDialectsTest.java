package org.velibstream.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.velibstream.data.stations.StationRow;
import org.velibstream.gbfs.BikeType;
import org.velibstream.gbfs.GbfsDiscovery;
import org.velibstream.gbfs.GbfsFeedHeader;
import org.velibstream.gbfs.GbfsVehicleTypes;
import org.velibstream.gbfs.GbfsVersion;
import org.velibstream.gbfs.Rejection;
import org.velibstream.gbfs.StationInformation;
import org.velibstream.gbfs.StationInformationDecoder;
import org.velibstream.gbfs.StationListener;
import org.velibstream.gbfs.StationStatus;
import org.velibstream.gbfs.StationStatusDecoder;

/**
 * The simulated systems in every dialect, decoded with the job's decoders (and, for the fields those may not read
 * yet, as a Jackson tree): the same model's counts whatever the shape, so a client sums the same bikes, e-bikes and
 * docks from any of them, and each dialect's own traits.
 */
class SimulationDialectsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant REAL_START = Instant.parse("2026-01-01T00:00:00Z");
    /** A weekday morning, while commuting moves bikes. */
    private static final Instant SIMULATED_START = Instant.parse("2024-11-19T07:00:00Z");

    private static final URI BASE = URI.create("http://127.0.0.1:33900/systems/3/");

    private static List<StationRow> rows;

    @BeforeAll
    static void readStationTable() {
        rows = SimulationFixtures.stationRows().subList(0, 300);
    }

    @ParameterizedTest
    @EnumSource(value = FeedDialect.class, names = "VELIB", mode = EnumSource.Mode.EXCLUDE)
    void discoveryListsTheDialectsFeedsInItsShape(FeedDialect dialect) throws Exception {
        SimulationFeeds feeds = feeds(dialect);
        byte[] document = feeds.discovery(BASE, SIMULATED_START, 60);

        GbfsDiscovery discovery = GbfsDiscovery.decode(document, "en");

        assertThat(feeds.feedNames()).isEqualTo(dialect.feeds());
        assertThat(discovery.rejected()).isEmpty();
        assertThat(discovery.feeds().keySet()).containsExactlyElementsOf(dialect.feeds());
        discovery.feeds().forEach((name, url) -> assertThat(url).isEqualTo(BASE.resolve(name + ".json")));
        assertThat(discovery.header().lastUpdated()).isEqualTo(SIMULATED_START);
        assertThat(discovery.header().declaredVersion()).isEqualTo(dialect.version());
        assertThat(discovery.language()).isEqualTo(dialect == FeedDialect.GBFS3 ? null : "en");
        JsonNode data = JSON.readTree(document).path("data");
        assertThat(data.has("feeds")).as("GBFS 3.0 lists feeds once").isEqualTo(dialect == FeedDialect.GBFS3);
        assertThat(data.has("en")).as("the others per language").isEqualTo(dialect != FeedDialect.GBFS3);
    }

    @Test
    void vélibShapeKeepsItsDiscoveryAndFeeds() {
        SimulationFeeds feeds = feeds(FeedDialect.VELIB);

        assertThat(feeds.feedNames()).isEqualTo(GbfsFeeds.NAMES);
        assertThat(feeds.discovery(BASE, SIMULATED_START, 60))
                .isEqualTo(VelibJson.discovery(BASE, SIMULATED_START, 60));
        assertThat(feeds.feed(GbfsFeeds.VEHICLE_TYPES, REAL_START)).isEmpty();
    }

    /** Bikes, e-bikes and docks of every station equal Vélib's shape's, which splits every count. */
    @ParameterizedTest
    @EnumSource(value = FeedDialect.class, names = "VELIB", mode = EnumSource.Mode.EXCLUDE)
    void statusDecodesCleanlyWithTheModelsCounts(FeedDialect dialect) throws Exception {
        List<StationStatus> expected = decodeStatus(feeds(FeedDialect.VELIB), Map.of(), new ArrayList<>());
        SimulationFeeds feeds = feeds(dialect);
        List<GbfsFeedHeader> headers = new ArrayList<>();

        List<StationStatus> statuses = decodeStatus(feeds, vehicleTypes(feeds), headers);

        assertThat(headers.get(0).lastUpdated()).isEqualTo(SIMULATED_START);
        assertThat(headers.get(0).declaredVersion()).isEqualTo(dialect.version());
        assertThat(headers.get(0).version())
                .isEqualTo(dialect == FeedDialect.GBFS3 ? GbfsVersion.GBFS_3 : GbfsVersion.GBFS_2);
        assertThat(statuses).hasSameSizeAs(expected).allSatisfy(status -> assertThat(status.inconsistencies())
                .as(status.stationId())
                .isEmpty());
        JsonNode entries =
                stations(feeds.feed(GbfsFeeds.STATION_STATUS, REAL_START).orElseThrow());
        long ebikesServed = 0;
        for (int i = 0; i < expected.size(); i++) {
            StationStatus want = expected.get(i);
            StationStatus got = statuses.get(i);
            assertThat(got.bikesAvailable()).as("bikes of %s", want.stationId()).isEqualTo(want.bikesAvailable());
            assertThat(got.docksAvailable()).as("docks of %s", want.stationId()).isEqualTo(want.docksAvailable());
            assertThat(got.installed()).isEqualTo(want.installed());
            assertThat(got.renting()).isEqualTo(want.renting());
            assertThat(got.lastReported()).isEqualTo(want.lastReported());
            switch (dialect) {
                case GBFS2, GBFS3 -> {
                    assertThat(got.mechanicalBikes()).isEqualTo(want.mechanicalBikes());
                    assertThat(got.ebikes()).isEqualTo(want.ebikes());
                }
                case LYFT -> {
                    JsonNode entry = entries.get(i);
                    assertThat(entry.path("num_ebikes_available").asInt())
                            .as("the electric part of num_bikes_available")
                            .isEqualTo(want.ebikes());
                    assertThat(entry.path("num_bikes_available").asInt()).isEqualTo(want.bikesAvailable());
                    ebikesServed += entry.path("num_ebikes_available").asInt();
                }
                default -> assertThat(got.ebikes()).as("GBFS 1.1 has no split").isNull();
            }
        }
        if (dialect == FeedDialect.LYFT) {
            assertThat(ebikesServed).isPositive();
        }
    }

    @Test
    void gbfs3WritesTimesInRfc3339AndCountsVehicles() throws Exception {
        SimulationFeeds feeds = feeds(FeedDialect.GBFS3);
        FeedDocument status = feeds.feed(GbfsFeeds.STATION_STATUS, REAL_START).orElseThrow();
        JsonNode root = JSON.readTree(status.bytes());

        assertThat(root.path("last_updated").isTextual()).isTrue();
        assertThat(OffsetDateTime.parse(root.path("last_updated").asText()).toInstant())
                .isEqualTo(SIMULATED_START);
        assertThat(root.path("last_updated").asText()).isEqualTo("2024-11-19T08:00:00+01:00");
        JsonNode first = root.path("data").path("stations").get(0);
        assertThat(first.has("num_vehicles_available")).isTrue();
        assertThat(first.has("num_bikes_available")).isFalse();
        assertThat(first.path("last_reported").isTextual()).isTrue();
        assertThat(first.path("is_installed").isBoolean()).isTrue();
        JsonNode information = JSON.readTree(feeds.feed(GbfsFeeds.STATION_INFORMATION, REAL_START)
                .orElseThrow()
                .bytes());
        assertThat(information
                        .path("data")
                        .path("stations")
                        .get(0)
                        .path("name")
                        .get(0)
                        .path("language")
                        .asText())
                .isEqualTo("en");
        JsonNode vehicleTypes = JSON.readTree(feeds.feed(GbfsFeeds.VEHICLE_TYPES, REAL_START)
                        .orElseThrow()
                        .bytes())
                .path("data")
                .path("vehicle_types");
        assertThat(vehicleTypes.get(1).path("name").get(0).path("text").asText())
                .isEqualTo("E-bike");
    }

    /** Names and places are the table's; post codes are its postal codes; regions their départements. */
    @ParameterizedTest
    @EnumSource(value = FeedDialect.class, names = "VELIB", mode = EnumSource.Mode.EXCLUDE)
    void informationPlacesEveryStationAndNamesItsPostCodeAndRegion(FeedDialect dialect) throws Exception {
        SimulationFeeds feeds = feeds(dialect);
        FeedDocument document =
                feeds.feed(GbfsFeeds.STATION_INFORMATION, REAL_START).orElseThrow();
        List<StationInformation> stations = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();

        new StationInformationDecoder()
                .decodeDocument(document.bytes(), StationListener.collectingInto(stations, rejections));

        assertThat(rejections).isEmpty();
        assertThat(stations)
                .extracting(StationInformation::name)
                .containsExactlyElementsOf(rows.stream().map(StationRow::name).toList());
        JsonNode entries = stations(document);
        Set<String> regionIds = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            StationRow row = rows.get(i);
            JsonNode entry = entries.get(i);
            assertThat(stations.get(i).lat()).isEqualTo(row.coordinates().lat());
            assertThat(stations.get(i).lon()).isEqualTo(row.coordinates().lon());
            assertThat(stations.get(i).capacity()).isPositive();
            boolean hasPostCode = dialect == FeedDialect.GBFS2 || dialect == FeedDialect.GBFS3;
            assertThat(entry.path("post_code").asText(null))
                    .as("post_code of %s", row.stationCode())
                    .isEqualTo(hasPostCode ? row.postalCode() : null);
            assertThat(entry.path("region_id").asText(null))
                    .as("region_id of %s", row.stationCode())
                    .isEqualTo(
                            dialect == FeedDialect.GBFS1
                                    ? null
                                    : row.postalCode().substring(0, 2));
            regionIds.add(entry.path("region_id").asText(null));
        }
        if (dialect.feeds().contains(GbfsFeeds.SYSTEM_REGIONS)) {
            JsonNode regions = JSON.readTree(feeds.feed(GbfsFeeds.SYSTEM_REGIONS, REAL_START)
                            .orElseThrow()
                            .bytes())
                    .path("data")
                    .path("regions");
            Set<String> served = new HashSet<>();
            regions.forEach(region -> served.add(region.path("region_id").asText()));
            assertThat(served).isEqualTo(regionIds);
            assertThat(regions.get(0).path("region_id").asText()).isEqualTo("75");
            JsonNode name = regions.get(0).path("name");
            assertThat((dialect == FeedDialect.GBFS3 ? name.get(0).path("text") : name).asText())
                    .isEqualTo("Paris");
        } else {
            assertThat(feeds.feed(GbfsFeeds.SYSTEM_REGIONS, REAL_START)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(FeedDialect.class)
    void systemInformationNamesTheSystemAndItsTimeZone(FeedDialect dialect) throws Exception {
        JsonNode data = JSON.readTree(feeds(dialect)
                        .feed(GbfsFeeds.SYSTEM_INFORMATION, REAL_START)
                        .orElseThrow()
                        .bytes())
                .path("data");

        assertThat(data.path("system_id").asText()).isEqualTo("simulated-0");
        assertThat(data.path("timezone").asText())
                .isEqualTo(dialect == FeedDialect.LYFT ? "America/Los_Angeles" : "Europe/Paris");
        JsonNode name = dialect == FeedDialect.GBFS3 ? data.path("name").get(0).path("text") : data.path("name");
        assertThat(name.asText()).contains("simulated-0");
    }

    @Test
    void aTimeZoneGivenOverridesTheDialectsDefault() throws Exception {
        SimulationFeeds feeds = new SimulationFeeds(
                new StationSimulation(rows, 42, 0),
                new SimulatedClock(SIMULATED_START, REAL_START, 60),
                Duration.ofSeconds(60),
                SystemProfile.of("nyc", FeedDialect.LYFT, ZoneId.of("America/New_York")));

        JsonNode data = JSON.readTree(feeds.feed(GbfsFeeds.SYSTEM_INFORMATION, REAL_START)
                        .orElseThrow()
                        .bytes())
                .path("data");

        assertThat(data.path("timezone").asText()).isEqualTo("America/New_York");
        assertThat(data.path("system_id").asText()).isEqualTo("nyc");
    }

    @Test
    void lyftStationsHaveStableUuidsSharedByTheirFeeds() throws Exception {
        List<StationStatus> statuses = decodeStatus(feeds(FeedDialect.LYFT), Map.of(), new ArrayList<>());
        List<StationStatus> again = decodeStatus(feeds(FeedDialect.LYFT), Map.of(), new ArrayList<>());
        JsonNode information = stations(feeds(FeedDialect.LYFT)
                .feed(GbfsFeeds.STATION_INFORMATION, REAL_START)
                .orElseThrow());

        assertThat(statuses)
                .extracting(StationStatus::stationId)
                .allSatisfy(id -> assertThat(UUID.fromString(id).toString()).isEqualTo(id));
        assertThat(statuses).extracting(StationStatus::stationId).doesNotHaveDuplicates();
        assertThat(again)
                .extracting(StationStatus::stationId)
                .containsExactlyElementsOf(
                        statuses.stream().map(StationStatus::stationId).toList());
        for (int i = 0; i < statuses.size(); i++) {
            assertThat(information.get(i).path("station_id").asText())
                    .isEqualTo(statuses.get(i).stationId());
            assertThat(information.get(i).has("post_code")).isFalse();
            assertThat(information.get(i).path("legacy_id").asText())
                    .isEqualTo(rows.get(i).stationCode());
        }
    }

    @ParameterizedTest
    @EnumSource(FeedDialect.class)
    void sameSeedGivesTheSameBytesInEveryDialect(FeedDialect dialect) {
        SimulationFeeds first = feeds(dialect);
        SimulationFeeds second = feeds(dialect);

        for (String name : dialect.feeds()) {
            assertThat(first.feed(name, REAL_START.plusSeconds(3))
                            .orElseThrow()
                            .sameBytes(
                                    second.feed(name, REAL_START.plusSeconds(3)).orElseThrow()))
                    .as(name)
                    .isTrue();
        }
    }

    private static Map<String, BikeType> vehicleTypes(SimulationFeeds feeds) throws Exception {
        if (!feeds.feedNames().contains(GbfsFeeds.VEHICLE_TYPES)) {
            return Map.of();
        }
        GbfsVehicleTypes types = GbfsVehicleTypes.decode(
                feeds.feed(GbfsFeeds.VEHICLE_TYPES, REAL_START).orElseThrow().bytes());
        assertThat(types.rejected()).isEmpty();
        assertThat(types.bikeTypes())
                .containsOnly(
                        Map.entry(GbfsJson.MECHANICAL_TYPE_ID, BikeType.MECHANICAL),
                        Map.entry(GbfsJson.EBIKE_TYPE_ID, BikeType.EBIKE));
        return types.bikeTypes();
    }

    private static List<StationStatus> decodeStatus(
            SimulationFeeds feeds, Map<String, BikeType> vehicleTypes, List<GbfsFeedHeader> headers) throws Exception {
        List<StationStatus> statuses = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        headers.add(new StationStatusDecoder(vehicleTypes)
                .decodeDocument(
                        feeds.feed(GbfsFeeds.STATION_STATUS, REAL_START)
                                .orElseThrow()
                                .bytes(),
                        StationListener.collectingInto(statuses, rejections)));
        assertThat(rejections).isEmpty();
        return statuses;
    }

    private static JsonNode stations(FeedDocument document) throws IOException {
        return JSON.readTree(document.bytes()).path("data").path("stations");
    }

    private static SimulationFeeds feeds(FeedDialect dialect) {
        return new SimulationFeeds(
                new StationSimulation(rows, 42, 0),
                new SimulatedClock(SIMULATED_START, REAL_START, 60),
                Duration.ofSeconds(60),
                SystemProfile.of("simulated-0", dialect, dialect.defaultTimeZone()));
    }
}
