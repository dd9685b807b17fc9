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
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.velibstream.job.settings.JobConfiguration;
import org.velibstream.job.stats.PostalCodeStats;
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
                ReplayServerOptions.parse("--snapshots", recordings.toString(), "--step", "3s");
        Instant replayStart = Instant.now();
        GbfsFeeds replay = new StartedByFirstStatusPoll(
                GbfsReplayServer.feeds(serverOptions, replayStart).get(0), replayStart, new AtomicReference<>());
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
            JobClient job = env.executeAsync("http polling");
            try {
                // The last snapshot (08:02:30) moves the watermark to 08:02:00, which closes the first two windows.
                List<PostalCodeStats> expected = ReplayFixture.EXPECTED_STATS.stream()
                        .filter(row -> !row.windowEnd().isAfter(ReplayFixture.W2))
                        .toList();
                List<PostalCodeStats> rows = awaitRows(expected.size(), Duration.ofSeconds(90));
                assertThat(rows)
                        .as("stats.jsonl; the dead letters were %s", deadLetters())
                        .containsExactlyInAnyOrderElementsOf(expected);
            } finally {
                job.cancel().get();
            }
        }
    }

    /**
     * The replay, with its timeline started by the job's first poll of station_status rather than by the server's
     * start: the first snapshot is served to the job however long a loaded machine takes to start it.
     */
    private record StartedByFirstStatusPoll(GbfsFeeds replay, Instant replayStart, AtomicReference<Instant> firstPoll)
            implements GbfsFeeds {

        @Override
        public Optional<FeedDocument> feed(String name, Instant now) {
            if (name.equals(STATION_STATUS)) {
                firstPoll.compareAndSet(null, now);
            }
            Instant first = firstPoll.get();
            return replay.feed(name, first == null ? replayStart : replayStart.plus(Duration.between(first, now)));
        }
    }

    private String deadLetters() throws IOException {
        Path deadLetters = output.resolve("deadletter.jsonl");
        return Files.exists(deadLetters) ? Files.readString(deadLetters) : "not written";
    }

    private List<PostalCodeStats> awaitRows(int expected, Duration timeout) throws Exception {
        Path stats = output.resolve("stats.jsonl");
        long deadline = System.nanoTime() + timeout.toNanos();
        List<PostalCodeStats> rows = List.of();
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
