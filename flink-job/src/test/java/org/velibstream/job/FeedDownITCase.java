package org.velibstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import javax.annotation.Nullable;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.velibstream.job.FeedOutageServer.Phase;
import org.velibstream.job.alerts.AlertState;
import org.velibstream.job.alerts.AlertType;
import org.velibstream.job.alerts.StationAlert;
import org.velibstream.job.settings.JobConfiguration;
import org.velibstream.job.stats.AreaStats;
import org.velibstream.job.testing.MiniClusters;
import org.velibstream.job.testing.Polling;

/**
 * The whole job polling a GBFS system whose station_status endpoint goes down for several seconds, the three ways a
 * real one does, in turn: connections refused (nothing listens on its port), then HTTP 503, then hanging (the
 * request is accepted and never answered, so it times out), and then comes back. The job stays up, raises one
 * FEED_DOWN alert, resolves it when the feed answers again, and counts the stations again. A feed down from the
 * job's first poll raises FEED_DOWN as well.
 */
class FeedDownITCase {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withTwoSlots();

    @TempDir
    Path output;

    private final VelibFeedWithOutages feed;

    FeedDownITCase() throws IOException {
        feed = new VelibFeedWithOutages();
    }

    @AfterEach
    void stopServers() {
        feed.close();
    }

    @Test
    void aFeedThatIsRefusedThenFailsThenHangsRaisesOneFeedDownResolvedWhenItIsBack() throws Exception {
        JobClient job = startJob();
        try {
            await("statistics of the feed while it is up", () -> !stats(row -> true)
                    .isEmpty());

            feed.statusServer().enter(Phase.REFUSING);
            Thread.sleep(2_000); // Nothing to observe at a closed port: the retries are 0.5 s apart.
            feed.statusServer().enter(Phase.UNAVAILABLE);
            await("polls answered 503", () -> feed.statusServer().requestsInPhase() >= 2);
            feed.statusServer().enter(Phase.HANGING);
            await("FEED_DOWN opened", () -> !feedAlerts(AlertState.OPEN).isEmpty());
            await("a hanging poll timed out", () -> feed.statusServer().requestsInPhase() >= 2);
            Instant recovered = Instant.now();
            feed.statusServer().enter(Phase.UP);

            await("FEED_DOWN resolved", () -> !feedAlerts(AlertState.RESOLVED).isEmpty());
            await("stations counted again", () -> !stats(row ->
                            row.windowStart().isAfter(recovered) && row.area().equals("75016") && row.stations() == 2)
                    .isEmpty());

            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            List<StationAlert> feedAlerts = feedAlerts(null);
            assertThat(feedAlerts)
                    .extracting(StationAlert::state)
                    .as("one outage, one alert: %s", feedAlerts)
                    .containsExactly(AlertState.OPEN, AlertState.RESOLVED);
            StationAlert resolved = feedAlerts.get(1);
            assertThat(resolved.since()).isEqualTo(feedAlerts.get(0).since());
            assertThat(resolved.detectedAt()).isAfter(recovered);
            assertThat(resolved.details())
                    .as("the failures, in the order the outage showed them")
                    .contains("(connect, http5xx, timeout)");
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void aFeedDownFromTheJobsFirstPollRaisesFeedDownToo() throws Exception {
        feed.statusServer().enter(Phase.REFUSING);
        Instant started = Instant.now();
        JobClient job = startJob();
        try {
            await("FEED_DOWN opened", () -> !feedAlerts(AlertState.OPEN).isEmpty());
            feed.statusServer().enter(Phase.UP);
            await("FEED_DOWN resolved", () -> !feedAlerts(AlertState.RESOLVED).isEmpty());
            await("stations counted", () -> !stats(row -> row.area().equals("75016"))
                    .isEmpty());

            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            assertThat(feedAlerts(null))
                    .extracting(StationAlert::state)
                    .containsExactly(AlertState.OPEN, AlertState.RESOLVED);
            assertThat(feedAlerts(null).get(0).since())
                    .as("from the first failed poll")
                    .isAfter(started);
        } finally {
            job.cancel().get();
        }
    }

    private JobClient startJob() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        VelibStreamJob.build(env, JobConfiguration.fromArgs(new String[] {
            "--source", "http",
            "--gbfs", "velib=" + feed.discovery(),
            "--status-interval", "500 ms",
            "--information-interval", "1 s",
            "--http-request-timeout", "2 s",
            "--http-max-backoff", "500 ms",
            "--feed-down-after", "4 s",
            "--window", "2 s",
            "--max-out-of-orderness", "1 s",
            "--idle-timeout", "0 s",
            "--sink", "jsonl",
            "--output", output.toString(),
            "--checkpoint-interval", "500 ms"
        }));
        return env.executeAsync("feed down");
    }

    private List<AreaStats> stats(Predicate<AreaStats> filter) throws IOException {
        return Files.exists(output.resolve("stats.jsonl"))
                ? ReplayFixture.readStats(output).stream().filter(filter).toList()
                : List.of();
    }

    /** The FEED_DOWN alerts of the status feed so far, in the state given, or all of them when it is null. */
    private List<StationAlert> feedAlerts(@Nullable AlertState state) throws IOException {
        if (!Files.exists(output.resolve("alerts.jsonl"))) {
            return List.of();
        }
        return ReplayFixture.readAlerts(output).stream()
                .filter(alert -> alert.type() == AlertType.FEED_DOWN
                        && alert.systemId().equals("velib")
                        && alert.stationCode().equals("station_status"))
                .filter(alert -> state == null || alert.state() == state)
                .toList();
    }

    private static void await(String what, Polling.Condition condition) {
        Polling.await(what, PATIENCE, condition);
    }
}
