package org.velibstream.job.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.velibstream.gbfs.GbfsDiscovery;
import org.velibstream.gbfs.Rejection;
import org.velibstream.gbfs.StationInformationDecoder;
import org.velibstream.gbfs.StationListener;
import org.velibstream.gbfs.StationStatusDecoder;
import org.velibstream.replay.GbfsFeeds;
import org.velibstream.replay.GbfsReplayServer;
import org.velibstream.replay.MutableClock;
import org.velibstream.replay.SnapshotFeeds;
import org.velibstream.replay.SnapshotRecording;
import org.velibstream.replay.SnapshotRecordings;
import org.velibstream.replay.SnapshotTimeline;
import org.velibstream.source.http.HttpEndpoint;
import org.velibstream.source.http.HttpPollingSource;

/**
 * The job's HTTP source and GBFS deserializer on a MiniCluster, polling the replay server (tools/gbfs-replay) over the
 * two real Vélib' recordings: it receives the first recording, then, once the server's clock moves one step, the
 * second.
 */
class GbfsReplayDecodingITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(1)
                    .build());

    private static final Path SNAPSHOTS = Path.of("../../shared/data/gbfs_snapshots");
    private static final Duration STEP = Duration.ofMinutes(1);

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void httpSourceReceivesBothRecordingsInTimeOrder() throws Exception {
        assumeTrue(Files.isDirectory(SNAPSHOTS), "../shared/data/gbfs_snapshots is absent: nothing real to replay");
        List<SnapshotRecording> recordings = SnapshotRecordings.load(SNAPSHOTS);
        assertThat(recordings).hasSize(2);
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        SnapshotTimeline timeline = new SnapshotTimeline(
                recordings.stream().map(SnapshotRecording::time).toList(), STEP, 1, false);
        List<String> expectedFirst = expectedItems(recordings.get(0));
        List<String> expectedSecond = expectedItems(recordings.get(1));

        try (GbfsReplayServer server = GbfsReplayServer.start(
                new InetSocketAddress("127.0.0.1", 0),
                List.of(new SnapshotFeeds(recordings, timeline, clock.instant())),
                clock)) {
            GbfsSystem system = new GbfsSystem("replay", server.discoveryUri());
            GbfsDiscovery discovery = GbfsDiscovery.decode(get(system.discoveryUri()), null);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(1);
            HttpPollingSource<FeedItem> source = HttpPollingSource.<FeedItem>builder()
                    .addEndpoint(endpoint(system, discovery, GbfsFeed.STATION_STATUS))
                    .addEndpoint(endpoint(system, discovery, GbfsFeed.STATION_INFORMATION))
                    .setDeserializer(new GbfsResponseDeserializer())
                    .build();

            try (CloseableIterator<String> items = env.fromSource(
                            source, WatermarkStrategy.noWatermarks(), "gbfs-replay")
                    // Every poll also reports the feed's health; this test is about the documents' content.
                    .filter(item -> item.kind() != FeedItem.Kind.FEED_HEALTH)
                    .name("documents only")
                    .map(GbfsReplayDecodingITCase::describe)
                    .name("describe")
                    .executeAndCollect("gbfs-replay-server-itcase")) {
                Map<String, Integer> first = take(items, expectedFirst.size());
                clock.advance(STEP);
                Map<String, Integer> second = take(items, expectedSecond.size());

                assertThat(first)
                        .as(
                                "items of the first recording, %s",
                                recordings.get(0).label())
                        .isEqualTo(countEach(expectedFirst));
                assertThat(second)
                        .as(
                                "items of the second recording, %s",
                                recordings.get(1).label())
                        .isEqualTo(countEach(expectedSecond));
            }
        }
    }

    /** What the job must see of a recording: its statuses with the document's time, its stations, its rejects. */
    private static List<String> expectedItems(SnapshotRecording recording) throws Exception {
        List<String> items = new ArrayList<>();
        List<Object> statuses = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        new StationStatusDecoder()
                .decodeDocument(
                        recording.documents().get(GbfsFeeds.STATION_STATUS).bytes(),
                        StationListener.collectingInto(statuses, rejections));
        statuses.forEach(status -> items.add("STATUS " + recording.time()));
        List<Object> stations = new ArrayList<>();
        new StationInformationDecoder()
                .decodeDocument(
                        recording.documents().get(GbfsFeeds.STATION_INFORMATION).bytes(),
                        StationListener.collectingInto(stations, rejections));
        stations.forEach(station -> items.add("INFORMATION"));
        rejections.forEach(rejection -> items.add("DEAD_LETTER"));
        return items;
    }

    private static String describe(FeedItem item) {
        return item.kind() == FeedItem.Kind.STATUS
                ? "STATUS " + item.feedUpdatedAt()
                : item.kind().name();
    }

    private static Map<String, Integer> take(CloseableIterator<String> items, int count) {
        List<String> taken = new ArrayList<>();
        while (taken.size() < count && items.hasNext()) {
            taken.add(items.next());
        }
        return countEach(taken);
    }

    private static Map<String, Integer> countEach(List<String> items) {
        Map<String, Integer> counts = new HashMap<>();
        items.forEach(item -> counts.merge(item, 1, Integer::sum));
        return counts;
    }

    private static HttpEndpoint endpoint(GbfsSystem system, GbfsDiscovery discovery, GbfsFeed feed) {
        return new HttpEndpoint(
                system.endpointId(feed).toString(),
                discovery.feed(feed.feedName()).orElseThrow(),
                Duration.ofMillis(100));
    }

    private static byte[] get(URI uri) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
        return response.body();
    }
}
