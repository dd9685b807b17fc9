package org.velibstream.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.gbfs.StationStatus;
import org.velibstream.job.alerts.AlertState;
import org.velibstream.job.alerts.AlertThresholds;
import org.velibstream.job.alerts.AlertType;
import org.velibstream.job.alerts.StationAlert;
import org.velibstream.job.alerts.StationAlertDetector;
import org.velibstream.job.model.StationObservation;
import org.velibstream.job.stats.AreaStats;
import org.velibstream.job.stats.AreaStatsFunction;
import org.velibstream.job.stats.StatsArea;
import org.velibstream.job.testing.MiniClusters;

/**
 * Replays two months of real hourly Vélib' snapshots (41 stations, from {@code ../shared/data}) through the
 * statistics and the alert detector on a MiniCluster, and checks the rows against a plain recomputation and the
 * alerts against the raw data. Skipped when the shared data is absent.
 */
class VelibHourlySampleReplayITCase {

    private static final Path DATA =
            Path.of("..", "..", "shared", "data").toAbsolutePath().normalize();
    private static final Path SAMPLE =
            DATA.resolve("timeseries/velib_opendata_hourly_sample_2024-10-19_2024-12-20.csv");
    private static final Path POSTAL_CODES = DATA.resolve("mappings/stations_information.csv");
    private static final DateTimeFormatter SNAPSHOT_FILE_TIME =
            DateTimeFormatter.ofPattern("yyyy_MM_dd'T'HH_mm_ss_SSS'z'");
    private static final Duration WINDOW = AreaStatsFunction.DEFAULT_WINDOW_SIZE;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withTwoSlots();

    private static List<StationObservation> observations;
    private static final List<AreaStats> rows = new ArrayList<>();
    private static final List<StationAlert> alerts = new ArrayList<>();

    @BeforeAll
    @SuppressWarnings("try") // CloseableIterator.close() may throw InterruptedException; the test fails then
    static void replayTheSample() throws Exception {
        assumeTrue(
                Files.isReadable(SAMPLE) && Files.isReadable(POSTAL_CODES),
                "the shared Vélib' data is not at " + DATA + ": skipping the real-data replay");
        observations = readSample();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(MiniClusters.SLOTS);
        DataStream<StationObservation> source = env.fromData(observations, TypeInformation.of(StationObservation.class))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<StationObservation>forMonotonousTimestamps()
                        .withTimestampAssigner((observation, ignored) ->
                                observation.observedAt().toEpochMilli()));
        DataStream<AreaStats> stats = source.keyBy(StatsArea::of, AreaStatsFunction.KEY_TYPE)
                .process(new AreaStatsFunction(WINDOW))
                .uid(AreaStatsFunction.UID);
        DataStream<StationAlert> detected = source.keyBy(StationObservation::stateKey)
                .process(new StationAlertDetector(AlertThresholds.DEFAULTS))
                .uid(StationAlertDetector.UID);
        try (CloseableIterator<AreaStats> statsResults = stats.collectAsync();
                CloseableIterator<StationAlert> alertResults = detected.collectAsync()) {
            env.execute("Vélib' hourly sample replay");
            statsResults.forEachRemaining(rows::add);
            alertResults.forEachRemaining(alerts::add);
        }
    }

    @Test
    void everyRowIsThePostalCodesStationsAsOfTheWindowEnd() {
        assertThat(rows).hasSizeGreaterThan(1000).containsExactlyInAnyOrderElementsOf(recomputedRows());
    }

    @Test
    void alertsOfAStationAndTypeAlternateOpenAndResolvedWithTheSameSince() {
        Map<String, List<StationAlert>> byStationAndType = alerts.stream()
                .collect(Collectors.groupingBy(
                        alert -> alert.stationCode() + "/" + alert.type(), LinkedHashMap::new, Collectors.toList()));
        assertThat(alerts).isNotEmpty();
        byStationAndType.forEach((stationAndType, sequence) -> {
            for (int i = 0; i < sequence.size(); i++) {
                StationAlert alert = sequence.get(i);
                assertThat(alert.state())
                        .as("alert %d of %s: %s", i, stationAndType, sequence)
                        .isEqualTo(i % 2 == 0 ? AlertState.OPEN : AlertState.RESOLVED);
                if (alert.state() == AlertState.RESOLVED) {
                    assertThat(alert.since()).isEqualTo(sequence.get(i - 1).since());
                    assertThat(alert.detectedAt()).isAfter(sequence.get(i - 1).detectedAt());
                }
            }
        });
    }

    @Test
    void everyEmptyAlertWasEarnedByTwoObservationsWithoutBikesThirtyMinutesApart() {
        Map<String, Map<Instant, StationObservation>> byStation = new HashMap<>();
        observations.forEach(observation -> byStation
                .computeIfAbsent(observation.stationKey(), key -> new HashMap<>())
                .put(observation.observedAt(), observation));
        List<StationAlert> opened = alerts.stream()
                .filter(alert -> alert.type() == AlertType.EMPTY && alert.state() == AlertState.OPEN)
                .toList();

        assertThat(opened).isNotEmpty().allSatisfy(alert -> {
            Map<Instant, StationObservation> station = byStation.get(alert.stationCode());
            assertThat(station.get(alert.since()).status().bikesAvailable()).isZero();
            assertThat(station.get(alert.detectedAt()).status().bikesAvailable())
                    .isZero();
            assertThat(Duration.between(alert.since(), alert.detectedAt()))
                    .isGreaterThanOrEqualTo(AlertThresholds.DEFAULTS.empty());
        });
    }

    /** The rows recomputed from the sorted observations, without Flink: the latest observation per station. */
    private static List<AreaStats> recomputedRows() {
        long windowMillis = WINDOW.toMillis();
        Map<StatsArea, TreeMap<Long, List<StationObservation>>> windowsByArea = new HashMap<>();
        for (StationObservation observation : observations) {
            long at = observation.observedAt().toEpochMilli();
            windowsByArea
                    .computeIfAbsent(StatsArea.of(observation), key -> new TreeMap<>())
                    .computeIfAbsent(at - Math.floorMod(at, windowMillis), key -> new ArrayList<>())
                    .add(observation);
        }
        List<AreaStats> expected = new ArrayList<>();
        windowsByArea.forEach((area, windows) -> {
            Map<String, StationObservation> latest = new HashMap<>();
            windows.forEach((windowStart, arrived) -> {
                arrived.forEach(observation -> latest.put(observation.stationKey(), observation));
                expected.add(AreaStats.of(
                        area,
                        Instant.ofEpochMilli(windowStart),
                        Instant.ofEpochMilli(windowStart + windowMillis),
                        latest.values()));
            });
        });
        return expected;
    }

    /**
     * The sample's rows as observations in event-time order, with postal codes from the course's station table.
     *
     * <p>The export has no feed {@code last_updated}, and its file timestamps run one to three hours after the
     * data (median 2.1 h behind {@code duedate}), so they cannot stand for it: against them most stations would
     * look stale. The freshest {@code duedate} of each snapshot stands for the document's {@code last_updated}
     * instead, which is what a GBFS document's {@code last_updated} bounds.
     */
    private static List<StationObservation> readSample() throws IOException {
        Map<String, String> postalCodes = new HashMap<>();
        for (String line : linesAfterHeader(POSTAL_CODES)) {
            String[] fields = line.split(",", -1);
            if (!fields[2].isBlank()) {
                postalCodes.put(fields[0], fields[2]);
            }
        }
        // snapshot_file_ts,stationcode,name,is_installed,capacity,numdocksavailable,numbikesavailable,
        // mechanical,ebike,is_renting,is_returning,duedate,lat,lon,nom_arrondissement_communes,code_insee_commune
        List<String[]> sample = linesAfterHeader(SAMPLE).stream()
                .map(line -> line.split(",", -1))
                .toList();
        Map<String, Instant> freshestReportBySnapshot = new HashMap<>();
        for (String[] fields : sample) {
            freshestReportBySnapshot.merge(fields[0], reportedAt(fields), (a, b) -> a.isAfter(b) ? a : b);
        }
        List<StationObservation> read = new ArrayList<>();
        for (String[] fields : sample) {
            String code = fields[1];
            StationStatus status = new StationStatus(
                    code,
                    code,
                    Integer.parseInt(fields[6]),
                    Integer.valueOf(fields[7]),
                    Integer.valueOf(fields[8]),
                    Integer.parseInt(fields[5]),
                    "OUI".equals(fields[3]),
                    "OUI".equals(fields[9]),
                    "OUI".equals(fields[10]),
                    reportedAt(fields),
                    List.of());
            read.add(StationObservation.of(
                    "velib",
                    status,
                    postalCodes.containsKey(code) ? AreaKind.POSTAL_CODE : AreaKind.UNKNOWN,
                    postalCodes.getOrDefault(code, StationObservation.UNKNOWN_AREA),
                    Integer.valueOf(fields[4]),
                    LocalDateTime.parse(fields[0], SNAPSHOT_FILE_TIME).toInstant(ZoneOffset.UTC),
                    freshestReportBySnapshot.get(fields[0])));
        }
        read.sort(Comparator.comparing(StationObservation::observedAt));
        return read;
    }

    private static Instant reportedAt(String[] fields) {
        return OffsetDateTime.parse(fields[11]).toInstant();
    }

    private static List<String> linesAfterHeader(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        return lines.subList(1, lines.size());
    }
}
