package org.velibstream.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.velibstream.data.stations.StationRow;
import org.velibstream.gbfs.GbfsFeedHeader;
import org.velibstream.gbfs.GbfsVersion;
import org.velibstream.gbfs.Rejection;
import org.velibstream.gbfs.StationInformation;
import org.velibstream.gbfs.StationInformationDecoder;
import org.velibstream.gbfs.StationListener;
import org.velibstream.gbfs.StationStatus;
import org.velibstream.gbfs.StationStatusDecoder;

/** The simulated feeds as bytes: deterministic, updated once per interval, and what the job's decoders read cleanly. */
class SimulationFeedsTest {

    private static final Instant REAL_START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant SIMULATED_START = Instant.parse("2024-11-19T07:00:00Z");

    private static List<StationRow> rows;

    @BeforeAll
    static void readStationTable() {
        rows = SimulationFixtures.stationRows();
    }

    @Test
    void sameSeedGivesTheSameBytes() {
        SimulationFeeds first = feeds(42, 0);
        SimulationFeeds second = feeds(42, 0);

        for (int realSeconds = 0; realSeconds < 600; realSeconds += 97) {
            Instant now = REAL_START.plusSeconds(realSeconds);
            for (String name : GbfsFeeds.NAMES) {
                assertThat(first.feed(name, now)
                                .orElseThrow()
                                .sameBytes(second.feed(name, now).orElseThrow()))
                        .as("%s at %s", name, now)
                        .isTrue();
            }
        }
        assertThat(feeds(43, 0)
                        .feed(GbfsFeeds.STATION_STATUS, REAL_START)
                        .orElseThrow()
                        .sameBytes(
                                first.feed(GbfsFeeds.STATION_STATUS, REAL_START).orElseThrow()))
                .as("another seed, another system")
                .isFalse();
    }

    @Test
    void theFeedUpdatesOncePerIntervalOfSimulatedTime() {
        SimulationFeeds feeds = feeds(42, 0);

        FeedDocument atStart = feeds.feed(GbfsFeeds.STATION_STATUS, REAL_START).orElseThrow();
        FeedDocument halfAnIntervalLater =
                feeds.feed(GbfsFeeds.STATION_STATUS, REAL_START.plusMillis(500)).orElseThrow();
        FeedDocument oneIntervalLater =
                feeds.feed(GbfsFeeds.STATION_STATUS, REAL_START.plusSeconds(1)).orElseThrow();

        assertThat(atStart.lastModified()).isEqualTo(SIMULATED_START);
        assertThat(halfAnIntervalLater.etag()).isEqualTo(atStart.etag());
        assertThat(oneIntervalLater.lastModified()).isEqualTo(SIMULATED_START.plusSeconds(60));
        assertThat(oneIntervalLater.etag()).isNotEqualTo(atStart.etag());
        assertThat(oneIntervalLater.ttlSeconds()).isEqualTo(60);
    }

    @Test
    void statusDecodesCleanlyInVelibShape() throws Exception {
        FeedDocument document =
                feeds(42, 0).feed(GbfsFeeds.STATION_STATUS, REAL_START).orElseThrow();
        List<StationStatus> statuses = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();

        GbfsFeedHeader header = new StationStatusDecoder()
                .decodeDocument(document.bytes(), StationListener.collectingInto(statuses, rejections));

        assertThat(header.version()).isEqualTo(GbfsVersion.VELIB);
        assertThat(header.lastUpdated()).isEqualTo(SIMULATED_START);
        assertThat(rejections).isEmpty();
        assertThat(statuses).hasSize(SimulationFixtures.STATIONS).allSatisfy(status -> assertThat(
                        status.inconsistencies())
                .as(status.stationKey())
                .isEmpty());
        assertThat(statuses).extracting(StationStatus::stationId).contains("17278902806");
        assertThat(document.text())
                .contains("\"station_id\":17278902806,")
                .contains("\"numBikesAvailable\":")
                .contains("\"num_bikes_available_types\":[{\"mechanical\":")
                .contains("\"is_installed\":1")
                .startsWith("{\"lastUpdatedOther\":" + SIMULATED_START.getEpochSecond() + ",\"ttl\":60,");
    }

    @Test
    void informationDecodesCleanlyWithTheTableCapacities() throws Exception {
        List<StationInformation> stations = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();

        new StationInformationDecoder()
                .decodeDocument(
                        feeds(42, 0)
                                .feed(GbfsFeeds.STATION_INFORMATION, REAL_START)
                                .orElseThrow()
                                .bytes(),
                        StationListener.collectingInto(stations, rejections));

        assertThat(rejections).isEmpty();
        assertThat(stations).hasSize(SimulationFixtures.STATIONS);
        assertThat(stations)
                .extracting(StationInformation::stationCode)
                .containsExactlyElementsOf(
                        rows.stream().map(StationRow::stationCode).toList());
        assertThat(stations)
                .filteredOn(s -> Integer.valueOf(0).equals(s.capacity()))
                .as("the table's capacity 0 stays in the feed")
                .isNotEmpty();
    }

    @Test
    void stationNamesAreServedAsUtf8AsTheTableHasThem() throws Exception {
        byte[] body = feeds(42, 0)
                .feed(GbfsFeeds.STATION_INFORMATION, REAL_START)
                .orElseThrow()
                .bytes();
        List<StationInformation> stations = new ArrayList<>();
        new StationInformationDecoder()
                .decodeDocument(body, StationListener.collectingInto(stations, new ArrayList<>()));

        assertThat(stations)
                .filteredOn(station -> "10001".equals(station.stationCode()))
                .extracting(StationInformation::name)
                .containsExactly("René Boulanger - Lancry");
        assertThat(new String(body, StandardCharsets.UTF_8))
                .as("the feed's bytes are UTF-8 (é as C3 A9), not escapes nor another charset")
                .contains("\"René Boulanger - Lancry\"")
                .doesNotContain("Ã", "Â", "â€");
        assertThat(stations)
                .extracting(StationInformation::name)
                .as("names with accents, as the table has them")
                .containsAll(rows.stream()
                        .map(StationRow::name)
                        .filter(name -> name.chars().anyMatch(c -> c > 127))
                        .toList());
    }

    @Test
    void eachSystemHasItsOwnIds() throws Exception {
        Set<String> firstIds = stationIds(feeds(42, 0));
        Set<String> secondIds = stationIds(feeds(42, 1));

        assertThat(secondIds).hasSize(SimulationFixtures.STATIONS).doesNotContainAnyElementsOf(firstIds);
        assertThat(secondIds).contains(Long.toString(17278902806L + SimulatedStations.SYSTEM_ID_SHIFT));
    }

    private static Set<String> stationIds(SimulationFeeds feeds) throws Exception {
        List<StationStatus> statuses = new ArrayList<>();
        new StationStatusDecoder()
                .decodeDocument(
                        feeds.feed(GbfsFeeds.STATION_STATUS, REAL_START)
                                .orElseThrow()
                                .bytes(),
                        StationListener.collectingInto(statuses, new ArrayList<>()));
        return statuses.stream().map(StationStatus::stationId).collect(Collectors.toSet());
    }

    /** One real second is one simulated minute, one feed update. */
    private static SimulationFeeds feeds(long seed, int system) {
        return new SimulationFeeds(
                new StationSimulation(rows, seed, system),
                new SimulatedClock(SIMULATED_START, REAL_START, 60),
                Duration.ofSeconds(60),
                "simulated-" + system);
    }
}
