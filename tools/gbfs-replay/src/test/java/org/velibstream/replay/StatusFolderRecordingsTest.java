package org.velibstream.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.velibstream.gbfs.GbfsDiscovery;

/** {@code --recordings DIR}: a folder of station_status snapshots as people keep them, any file names. */
class StatusFolderRecordingsTest {

    static final Path BAY_WHEELS = Path.of("../../../shared/data/other_systems/2023-01-08_baywheels_3days");

    private static final Instant T0 = Instant.parse("2024-11-19T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void snapshotsOfAnyNameAreOrderedByTheirDocumentsTime() throws IOException {
        write("status/b.json", SnapshotRecordingsTest.status(T0));
        write("status/a.json", SnapshotRecordingsTest.status(T0.plusSeconds(60)));
        write("status/1654562012.json", SnapshotRecordingsTest.status(T0.plusSeconds(120)));
        write("status/1673161867_station_status.json", SnapshotRecordingsTest.status(T0.plusSeconds(180)));
        write("status/gbfs.json", "{\"data\":{}}");
        write("status/system_alerts.json", "{\"data\":{}}");
        write("status/notes.txt", "not a snapshot");

        List<SnapshotRecording> recordings = SnapshotRecordings.loadStatusFolder(dir.resolve("status"));

        assertThat(recordings)
                .extracting(SnapshotRecording::label)
                .containsExactly("b.json", "a.json", "1654562012.json", "1673161867_station_status.json");
        assertThat(recordings.get(0).documents()).containsOnlyKeys(GbfsFeeds.STATION_STATUS);
    }

    @Test
    void theSystemsOtherFeedsAreReadBesideTheSnapshotsOrAboveThem() throws IOException {
        write("status/1.json", SnapshotRecordingsTest.status(T0));
        write("status/2.json", SnapshotRecordingsTest.status(T0.plusSeconds(60)));
        write("station_information.json", SnapshotRecordingsTest.information(T0.minusSeconds(3600)));
        write("status/station_information.json", SnapshotRecordingsTest.information(T0.minusSeconds(60)));
        write(
                "system_regions.json",
                "{\"last_updated\":" + T0.getEpochSecond() + ",\"ttl\":60,\"data\":{\"regions\":[]}}");

        List<SnapshotRecording> recordings = SnapshotRecordings.loadStatusFolder(dir.resolve("status"));
        SnapshotFeeds feeds = new SnapshotFeeds(
                recordings,
                new SnapshotTimeline(
                        recordings.stream().map(SnapshotRecording::time).toList(), Duration.ofSeconds(1), 1, false),
                T0);

        assertThat(recordings).hasSize(2);
        assertThat(feeds.feed(GbfsFeeds.STATION_INFORMATION, T0.plusSeconds(1))
                        .orElseThrow()
                        .text())
                .as("the folder's own first, served with every snapshot")
                .isEqualTo(SnapshotRecordingsTest.information(T0.minusSeconds(60)));
        assertThat(feeds.feedNames())
                .containsExactly(
                        GbfsFeeds.SYSTEM_INFORMATION,
                        GbfsFeeds.STATION_INFORMATION,
                        GbfsFeeds.STATION_STATUS,
                        GbfsFeeds.SYSTEM_REGIONS);
        assertThat(feeds.feed(GbfsFeeds.SYSTEM_REGIONS, T0)).isPresent();
        assertThat(GbfsDiscovery.decode(feeds.discovery(URI.create("http://h/"), T0, 60), "en")
                        .feeds())
                .containsKey(GbfsFeeds.SYSTEM_REGIONS);
    }

    @Test
    void aFolderWithoutSnapshotsIsRefused() throws IOException {
        write("station_information.json", SnapshotRecordingsTest.information(T0));
        assertThatThrownBy(() -> SnapshotRecordings.loadStatusFolder(dir))
                .hasMessageContaining("No station_status snapshot");
        assertThatThrownBy(() -> SnapshotRecordings.loadStatusFolder(dir.resolve("missing")))
                .hasMessageContaining("Not a folder");
    }

    @Test
    void bayWheelsRecordingsReplayInTimeWithTheirSystemInformation() throws IOException {
        assumeTrue(Files.isDirectory(BAY_WHEELS), "the Bay Wheels recordings are absent: not tested");

        ReplayServerOptions options = ReplayServerOptions.parse(
                "--recordings", BAY_WHEELS.resolve("status").toString(), "--step", "1s");
        List<GbfsFeeds> systems = GbfsReplayServer.feeds(options, T0);

        assertThat(systems).hasSize(1);
        SnapshotFeeds feeds = (SnapshotFeeds) systems.get(0);
        assertThat(feeds.recordingAt(T0).label()).isEqualTo("1673161867_station_status.json");
        assertThat(feeds.feed(GbfsFeeds.STATION_STATUS, T0.plusSeconds(379))
                        .orElseThrow()
                        .lastModified())
                .as("the last of 380 snapshots, 1673420298_station_status.json")
                .isEqualTo(Instant.ofEpochSecond(1673420293));
        assertThat(feeds.recordingAt(T0.plusSeconds(379)).label()).isEqualTo("1673420298_station_status.json");
        assertThat(feeds.feed(GbfsFeeds.SYSTEM_INFORMATION, T0).orElseThrow().text())
                .contains("America/Los_Angeles");
        assertThat(feeds.feed(GbfsFeeds.STATION_INFORMATION, T0).orElseThrow().bytes())
                .isEqualTo(Files.readAllBytes(BAY_WHEELS.resolve("station_information.json")));
    }

    private void write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
