package org.velibstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.velibstream.job.settings.JobConfiguration;
import org.velibstream.job.stats.AreaStats;
import org.velibstream.job.testing.MiniClusters;
import org.velibstream.replay.FeedDocument;
import org.velibstream.replay.GbfsFeeds;
import org.velibstream.replay.GbfsReplayServer;
import org.velibstream.replay.ReplayServerOptions;

/**
 * The whole job as it runs in production, polling a GBFS system over HTTP: it discovers the feeds in gbfs.json and
 * polls the replay server, which shows the replay fixture's snapshots one after the other. The statistics of every
 * window the watermark has closed are the same as the file replay's.
 */
class HttpPollingJobITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withTwoSlots();

    /** How far apart the replayed snapshots are in the replay's time. */
    private static final Duration STEP = Duration.ofSeconds(3);

    @TempDir
    Path recordings;

    @TempDir
    Path output;

    @Test
    void pollingTheReplayServerGivesTheRowsOfEveryClosedWindow() throws Exception {
        // The three complete snapshots of the fixture (the server refuses to start on the truncated one).
        for (String name : List.of("2024-11-19T0800", "2024-11-19T0801", "2024-11-19T0802")) {
            Files.copy(
                    ReplayFixture.statusDirectory().resolve(name + "_station_status.json"),
                    recordings.resolve(name + "_station_status.json"));
            Files.copy(ReplayFixture.informationFile(), recordings.resolve(name + "_station_information.json"));
        }
        ReplayServerOptions serverOptions =
                ReplayServerOptions.parse("--snapshots", recordings.toString(), "--step", STEP.toSeconds() + "s");
        Instant replayStart = Instant.now();
        OneSnapshotPerStatusPoll replay = new OneSnapshotPerStatusPoll(
                GbfsReplayServer.feeds(serverOptions, replayStart).get(0),
                replayStart,
                STEP,
                new AtomicBoolean(),
                new AtomicInteger());
        try (GbfsReplayServer server =
                GbfsReplayServer.start(new InetSocketAddress("127.0.0.1", 0), List.of(replay), Clock.systemUTC())) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            VelibStreamJob.build(env, JobConfiguration.fromArgs(new String[] {
                "--source", "http",
                "--gbfs", "velib=" + server.discoveryUri(),
                "--status-interval", "1 s",
                "--information-interval", "1 s",
                "--sink", "jsonl",
                "--output", output.toString(),
                "--checkpoint-interval", "1 s"
            }));
            // Discovery (in build) has read station_status already; from now on, each poll shows the next snapshot.
            replay.jobPolls().set(true);
            JobClient job = env.executeAsync("http polling");
            try {
                // The last snapshot (08:02:30) moves the watermark to 08:02:00, which closes the first two windows.
                List<AreaStats> expected = ReplayFixture.EXPECTED_STATS.stream()
                        .filter(row -> !row.windowEnd().isAfter(ReplayFixture.W2))
                        .toList();
                List<AreaStats> rows = awaitRows(expected.size(), Duration.ofSeconds(90));
                assertThat(rows)
                        .as("stats.jsonl; the dead letters were %s", deadLetters())
                        .containsExactlyInAnyOrderElementsOf(expected);
            } finally {
                job.cancel().get();
            }
        }
    }

    /**
     * The replay, moved on by the job's polls rather than by the clock: each poll of station_status shows the next
     * snapshot, until the last, so that the job sees every snapshot once, in order, however slowly a loaded machine
     * starts it or polls. Reads before the job runs (discovery in main reads station_status for its time) show the
     * first snapshot and move nothing.
     */
    private record OneSnapshotPerStatusPoll(
            GbfsFeeds replay, Instant replayStart, Duration step, AtomicBoolean jobPolls, AtomicInteger statusPolls)
            implements GbfsFeeds {

        @Override
        public Optional<FeedDocument> feed(String name, Instant now) {
            int shown = 0;
            if (jobPolls.get()) {
                shown = name.equals(STATION_STATUS)
                        ? statusPolls.getAndIncrement()
                        : Math.max(0, statusPolls.get() - 1);
            }
            return replay.feed(name, replayStart.plus(step.multipliedBy(shown)));
        }
    }

    private String deadLetters() throws IOException {
        Path deadLetters = output.resolve("deadletter.jsonl");
        return Files.exists(deadLetters) ? Files.readString(deadLetters) : "not written";
    }

    private List<AreaStats> awaitRows(int expected, Duration timeout) throws Exception {
        Path stats = output.resolve("stats.jsonl");
        long deadline = System.nanoTime() + timeout.toNanos();
        List<AreaStats> rows = List.of();
        while (System.nanoTime() < deadline) {
            if (Files.exists(stats)) {
                rows = ReplayFixture.readStats(output);
                if (rows.size() >= expected) {
                    // A little longer, so a duplicate row would be seen too.
                    Thread.sleep(3_000);
                    return ReplayFixture.readStats(output);
                }
            }
            Thread.sleep(500);
        }
        return rows;
    }
}
