package org.velibstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.job.alerts.AlertState;
import org.velibstream.job.alerts.AlertType;
import org.velibstream.job.alerts.StationAlert;
import org.velibstream.job.model.DeadLetter;
import org.velibstream.job.settings.JobConfiguration;
import org.velibstream.job.stats.AreaStats;
import org.velibstream.job.testing.MiniClusters;

/** The whole job on a MiniCluster, replaying {@link ReplayFixture} into JSON-lines files. */
class ReplayITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withTwoSlots();

    @TempDir
    Path output;

    @Test
    void replayGivesTheSystemAsOfEachWindowEnd() throws Exception {
        runReplay();

        assertThat(ReplayFixture.readStats(output))
                .as("per-area rows of the replay")
                .containsExactlyInAnyOrderElementsOf(ReplayFixture.EXPECTED_STATS);
    }

    @Test
    void replayOpensOnlyTheAlertsTheDataEarned() throws Exception {
        runReplay();

        List<StationAlert> alerts = ReplayFixture.readAlerts(output);
        assertThat(alerts).as("alerts of the replay").hasSize(1);
        StationAlert drop = alerts.get(0);
        assertThat(drop.stationCode()).isEqualTo("32017");
        assertThat(drop.areaKind()).isEqualTo(AreaKind.POSTAL_CODE);
        assertThat(drop.area()).isEqualTo("93200");
        assertThat(drop.type()).isEqualTo(AlertType.SUDDEN_DROP);
        assertThat(drop.state()).isEqualTo(AlertState.OPEN);
        assertThat(drop.detectedAt()).isEqualTo(Instant.parse("2024-11-19T08:02:30Z"));
    }

    @Test
    void badInputReachesTheDeadLettersWithItsReason() throws Exception {
        runReplay();

        List<DeadLetter> deadLetters = ReplayFixture.readDeadLetters(output);
        assertThat(deadLetters)
                .as("dead letters: one entry without bike counts, one truncated snapshot")
                .hasSize(2);
        assertThat(deadLetters).anySatisfy(deadLetter -> {
            assertThat(deadLetter.source()).endsWith("2024-11-19T0802_station_status.json");
            assertThat(deadLetter.reason()).contains("num_bikes_available");
            assertThat(deadLetter.payload()).contains("\"bad\"");
        });
        assertThat(deadLetters).anySatisfy(deadLetter -> {
            assertThat(deadLetter.source()).endsWith("2024-11-19T0803_station_status.json");
            assertThat(deadLetter.payload()).startsWith("{\"lastUpdatedOther\"");
        });
    }

    @Test
    void theStationFilterKeepsOnlyTheChosenStations() throws Exception {
        List<String> args = new ArrayList<>(List.of(ReplayFixture.replayArgs(output)));
        args.addAll(List.of("--station-filter", "16107;32017"));
        runReplay(args.toArray(String[]::new));

        assertThat(ReplayFixture.readStats(output))
                .containsExactlyInAnyOrder(
                        new AreaStats(
                                "velib",
                                AreaKind.POSTAL_CODE,
                                "75016",
                                ReplayFixture.W0,
                                ReplayFixture.W1,
                                1,
                                5,
                                3,
                                2,
                                30,
                                35,
                                0,
                                0,
                                0,
                                0),
                        new AreaStats(
                                "velib",
                                AreaKind.POSTAL_CODE,
                                "93200",
                                ReplayFixture.W0,
                                ReplayFixture.W1,
                                1,
                                10,
                                4,
                                6,
                                12,
                                22,
                                0,
                                0,
                                0,
                                0),
                        new AreaStats(
                                "velib",
                                AreaKind.POSTAL_CODE,
                                "75016",
                                ReplayFixture.W1,
                                ReplayFixture.W2,
                                1,
                                4,
                                2,
                                2,
                                31,
                                35,
                                0,
                                0,
                                0,
                                0),
                        new AreaStats(
                                "velib",
                                AreaKind.POSTAL_CODE,
                                "93200",
                                ReplayFixture.W1,
                                ReplayFixture.W2,
                                1,
                                10,
                                4,
                                6,
                                12,
                                22,
                                0,
                                0,
                                0,
                                0),
                        new AreaStats(
                                "velib",
                                AreaKind.POSTAL_CODE,
                                "75016",
                                ReplayFixture.W2,
                                ReplayFixture.W3,
                                1,
                                4,
                                2,
                                2,
                                31,
                                35,
                                0,
                                0,
                                0,
                                0),
                        new AreaStats(
                                "velib",
                                AreaKind.POSTAL_CODE,
                                "93200",
                                ReplayFixture.W2,
                                ReplayFixture.W3,
                                1,
                                0,
                                0,
                                0,
                                22,
                                22,
                                1,
                                0,
                                0,
                                0));
    }

    private void runReplay() throws Exception {
        runReplay(ReplayFixture.replayArgs(output));
    }

    private static void runReplay(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        VelibStreamJob.build(env, JobConfiguration.fromArgs(args));
        env.execute("replay");
    }
}
