package org.velibstream.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.velibstream.job.model.TestStations.at;
import static org.velibstream.job.model.TestStations.station;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.data.stations.Coordinates;
import org.velibstream.data.stations.StationRow;
import org.velibstream.job.alerts.AlertState;
import org.velibstream.job.alerts.AlertType;
import org.velibstream.job.alerts.StationAlert;
import org.velibstream.job.ingest.FeedItem;
import org.velibstream.job.model.DeadLetter;
import org.velibstream.job.model.StationObservation;
import org.velibstream.job.model.TestStations;
import org.velibstream.job.settings.PipelineSettings;
import org.velibstream.job.stations.AreaPlacement;
import org.velibstream.job.stations.StationDirectory;
import org.velibstream.job.stats.AreaStats;
import org.velibstream.job.testing.MiniClusters;

/**
 * Runs a bounded replay of five feed documents through the job's real topology ({@link VelibPipeline#build}, with
 * the default settings) on a MiniCluster, with parallelism 2 so that keys are spread over subtasks, and checks every
 * row and alert.
 */
class StationOperatorsITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withTwoSlots();

    private static final TestStations ALMOST_FULL =
            station("1001").bikes(6, 6).docks(8).capacity(20);
    private static final TestStations DRAINED =
            station("1001").bikes(1, 1).docks(18).capacity(20);
    private static final TestStations EMPTY =
            station("1002").bikes(0, 0).docks(20).capacity(20);
    private static final TestStations ONE_BIKE =
            station("1002").bikes(1, 0).docks(19).capacity(20);
    private static final TestStations FULL_NOT_RENTING = station("2001")
            .postalCode("75002")
            .bikes(5, 5)
            .docks(0)
            .capacity(10)
            .renting(false);

    /** Documents every ten minutes; 2001 leaves the feed at 08:20; 1001 is sent twice at 08:10. */
    private static List<StationObservation> feed() {
        return List.of(
                ALMOST_FULL.observedAt("08:00:00"),
                EMPTY.observedAt("08:00:00"),
                FULL_NOT_RENTING.observedAt("08:00:00"),
                ALMOST_FULL.observedAt("08:10:00"),
                ALMOST_FULL.observedAt("08:10:00"),
                EMPTY.observedAt("08:10:00"),
                FULL_NOT_RENTING.observedAt("08:10:00"),
                ALMOST_FULL.observedAt("08:20:00"),
                EMPTY.observedAt("08:20:00"),
                DRAINED.observedAt("08:30:00"),
                EMPTY.observedAt("08:30:00"),
                DRAINED.observedAt("08:40:00"),
                ONE_BIKE.observedAt("08:40:00"));
    }

    /** Each observation as a status of its whole feed document, as a source hands it to the job. */
    private static List<FeedItem> documents() {
        return feed().stream()
                .map(observation -> FeedItem.status(
                        observation.systemId(),
                        observation.status(),
                        observation.observedAt(),
                        observation.feedUpdatedAt(),
                        true))
                .toList();
    }

    /** The override table the postal codes and capacities come from: the test stations' own. */
    private static StationDirectory directory() {
        Map<String, StationRow> rows = new LinkedHashMap<>();
        for (StationObservation observation : feed()) {
            rows.putIfAbsent(
                    observation.stationCode(),
                    new StationRow(
                            observation.stationCode(),
                            observation.stationId(),
                            "station " + observation.stationCode(),
                            new Coordinates(48.86, 2.35),
                            observation.capacity(),
                            observation.area(),
                            null,
                            null));
        }
        return StationDirectory.of(List.copyOf(rows.values()));
    }

    @Test
    @SuppressWarnings("try") // CloseableIterator.close() may throw InterruptedException; the test fails then
    void boundedReplayGivesExactlyTheExpectedRowsAndAlerts() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(MiniClusters.SLOTS);

        PipelineSettings settings = PipelineSettings.defaults();
        DataStream<FeedItem> feed = env.fromData(documents(), TypeInformation.of(FeedItem.class))
                .assignTimestampsAndWatermarks(settings.watermarks());
        VelibPipeline.Results results = VelibPipeline.build(feed, settings, AreaPlacement.overridesOnly(directory()));

        List<AreaStats> rows = new ArrayList<>();
        List<StationAlert> raised = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        try (CloseableIterator<AreaStats> statsResults = results.stats().collectAsync();
                CloseableIterator<StationAlert> alertResults = results.alerts().collectAsync();
                CloseableIterator<DeadLetter> deadLetterResults =
                        results.deadLetters().collectAsync()) {
            env.execute("station operators");
            statsResults.forEachRemaining(rows::add);
            alertResults.forEachRemaining(raised::add);
            deadLetterResults.forEachRemaining(deadLetters::add);
        }

        assertThat(deadLetters)
                .as("dead letters of well-formed, timely documents")
                .isEmpty();

        assertThat(rows)
                .containsExactlyInAnyOrder(
                        row("75001", "08:00:00", 2, 12, 6, 6, 28, 40, 1, 0, 0),
                        row("75001", "08:10:00", 2, 12, 6, 6, 28, 40, 1, 0, 0),
                        row("75001", "08:20:00", 2, 12, 6, 6, 28, 40, 1, 0, 0),
                        row("75001", "08:30:00", 2, 2, 1, 1, 38, 40, 1, 0, 0),
                        row("75001", "08:40:00", 2, 3, 2, 1, 37, 40, 0, 0, 0),
                        row("75002", "08:00:00", 1, 10, 5, 5, 0, 10, 0, 1, 1),
                        row("75002", "08:10:00", 1, 10, 5, 5, 0, 10, 0, 1, 1),
                        row("75002", "08:20:00", 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(raised)
                .containsExactlyInAnyOrder(
                        alert(
                                "2001",
                                "75002",
                                AlertType.OFFLINE,
                                AlertState.OPEN,
                                "08:00:00",
                                "08:00:00",
                                "installed=true, renting=false"),
                        alert(
                                "2001",
                                "75002",
                                AlertType.OFFLINE,
                                AlertState.RESOLVED,
                                "08:00:00",
                                "08:20:00",
                                "station removed from the feed"),
                        alert(
                                "1002",
                                "75001",
                                AlertType.EMPTY,
                                AlertState.OPEN,
                                "08:00:00",
                                "08:30:00",
                                "bikes available: 0"),
                        alert(
                                "1002",
                                "75001",
                                AlertType.EMPTY,
                                AlertState.RESOLVED,
                                "08:00:00",
                                "08:40:00",
                                "bikes available: 1"),
                        alert(
                                "1001",
                                "75001",
                                AlertType.SUDDEN_DROP,
                                AlertState.OPEN,
                                "08:20:00",
                                "08:30:00",
                                "bikes fell from 12 to 2"),
                        alert(
                                "1001",
                                "75001",
                                AlertType.SUDDEN_DROP,
                                AlertState.RESOLVED,
                                "08:20:00",
                                "08:40:00",
                                "bikes available: 2, no sudden drop within PT15M"));
    }

    /** The row of the one-minute window starting at {@code windowStart}. */
    private static AreaStats row(
            String postalCode,
            String windowStart,
            int stations,
            int bikes,
            int mechanical,
            int ebike,
            int docks,
            int capacity,
            int empty,
            int full,
            int outOfService) {
        return new AreaStats(
                "velib",
                AreaKind.POSTAL_CODE,
                postalCode,
                at(windowStart),
                at(windowStart).plusSeconds(60),
                stations,
                bikes,
                mechanical,
                ebike,
                docks,
                capacity,
                empty,
                full,
                outOfService,
                0);
    }

    private static StationAlert alert(
            String stationCode,
            String postalCode,
            AlertType type,
            AlertState state,
            String since,
            String detectedAt,
            String details) {
        return new StationAlert(
                "velib",
                stationCode,
                AreaKind.POSTAL_CODE,
                postalCode,
                type,
                state,
                at(since),
                at(detectedAt),
                details);
    }
}
