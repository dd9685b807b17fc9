package org.velibstream.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding recorded moments on disk and serving them in time order. */
class SnapshotRecordingsTest {

    static final Path REAL_SNAPSHOTS = Path.of("../../../shared/data/gbfs_snapshots");

    private static final Instant T0 = Instant.parse("2024-11-19T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void foldersAreOrderedByTheirDocumentsTimeNotByName() throws IOException {
        write("a-later/station_status.json", status(T0.plusSeconds(60)));
        write("b-earlier/station_status.json", status(T0));
        write("b-earlier/station_information.json", information(T0.minusSeconds(3600)));
        write("b-earlier/gbfs.json", "{\"data\":{}}");

        List<SnapshotRecording> recordings = SnapshotRecordings.load(dir);

        assertThat(recordings).extracting(SnapshotRecording::label).containsExactly("b-earlier", "a-later");
        assertThat(recordings).extracting(SnapshotRecording::time).containsExactly(T0, T0.plusSeconds(60));
        assertThat(recordings.get(0).documents())
                .as("recorded gbfs.json files are not served")
                .containsOnlyKeys(GbfsFeeds.STATION_STATUS, GbfsFeeds.STATION_INFORMATION);
    }

    @Test
    void filesSharingAPrefixAreOneMoment() throws IOException {
        write("status/2024-11-19T0801_station_status.json", status(T0.plusSeconds(60)));
        write("status/2024-11-19T0800_station_status.json", status(T0));
        write("station_information.json", information(T0.minusSeconds(60)));

        assertThat(SnapshotRecordings.load(dir))
                .extracting(SnapshotRecording::label)
                .containsExactly(".", "status/2024-11-19T0800", "status/2024-11-19T0801");
    }

    @Test
    void aMomentWithoutSomeFeedServesTheLatestEarlierRecordingOfIt() throws IOException {
        write("1/station_status.json", status(T0));
        write("1/station_information.json", information(T0));
        write("2/station_status.json", status(T0.plusSeconds(60)));
        SnapshotFeeds feeds = replay(SnapshotRecordings.load(dir));

        Instant secondOnAir = T0.plusSeconds(1);
        assertThat(feeds.feed(GbfsFeeds.STATION_STATUS, secondOnAir)
                        .orElseThrow()
                        .lastModified())
                .isEqualTo(T0.plusSeconds(60));
        assertThat(feeds.feed(GbfsFeeds.STATION_INFORMATION, secondOnAir)
                        .orElseThrow()
                        .text())
                .isEqualTo(information(T0));
        assertThat(feeds.feed(GbfsFeeds.SYSTEM_INFORMATION, secondOnAir)
                        .orElseThrow()
                        .text())
                .as("written when no recording has one")
                .contains("\"timezone\":\"Europe/Paris\"");
    }

    @Test
    void documentsThatCannotBePlacedInTimeAreRefusedWithTheirPath() throws IOException {
        write("1/station_status.json", "{\"ttl\":60,\"data\":{\"stations\":[]}}");
        assertThatThrownBy(() -> SnapshotRecordings.load(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("station_status.json")
                .hasMessageContaining("lastUpdatedOther");

        write("1/station_status.json", "{\"lastUpdatedOther\":1732003200,\"data\":{\"stat");
        assertThatThrownBy(() -> SnapshotRecordings.load(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("station_status.json is not a GBFS document");
    }

    @Test
    void aFolderWithoutRecordingsIsRefused() {
        assertThatThrownBy(() -> SnapshotRecordings.load(dir)).hasMessageContaining("No recorded GBFS feeds");
        assertThatThrownBy(() -> SnapshotRecordings.load(dir.resolve("missing")))
                .hasMessageContaining("Not a folder");
    }

    @Test
    void realRecordingsReplayOldestFirstWithTheirOwnBytes() throws IOException {
        assumeTrue(
                Files.isDirectory(REAL_SNAPSHOTS),
                "../shared/data/gbfs_snapshots is absent: real recordings not tested");

        List<SnapshotRecording> recordings = SnapshotRecordings.load(REAL_SNAPSHOTS);
        SnapshotFeeds feeds = replay(recordings);

        assertThat(recordings)
                .extracting(SnapshotRecording::label)
                .containsExactly("2022-02-23_samhrrl", "2024-11-19_banacchini");
        assertThat(recordings)
                .extracting(SnapshotRecording::time)
                .containsExactly(Instant.parse("2022-02-23T18:28:53Z"), Instant.parse("2024-11-19T08:22:18Z"));
        assertThat(feeds.feed(GbfsFeeds.STATION_STATUS, T0).orElseThrow().bytes())
                .isEqualTo(Files.readAllBytes(REAL_SNAPSHOTS.resolve("2022-02-23_samhrrl/station_status.json")));
        assertThat(feeds.feed(GbfsFeeds.STATION_STATUS, T0.plusSeconds(1))
                        .orElseThrow()
                        .bytes())
                .isEqualTo(Files.readAllBytes(REAL_SNAPSHOTS.resolve("2024-11-19_banacchini/station_status.json")));
        assertThat(feeds.feed(GbfsFeeds.SYSTEM_INFORMATION, T0.plusSeconds(1))
                        .orElseThrow()
                        .bytes())
                .as("2024 has no system_information: 2022's stays")
                .isEqualTo(Files.readAllBytes(REAL_SNAPSHOTS.resolve("2022-02-23_samhrrl/system_information.json")));
    }

    /** Each recording on air for one second, from {@link #T0}. */
    private static SnapshotFeeds replay(List<SnapshotRecording> recordings) {
        return new SnapshotFeeds(
                recordings,
                new SnapshotTimeline(
                        recordings.stream().map(SnapshotRecording::time).toList(), Duration.ofSeconds(1), 1, false),
                T0);
    }

    static String status(Instant lastUpdated) {
        return "{\"lastUpdatedOther\":" + lastUpdated.getEpochSecond() + ",\"ttl\":3600,\"data\":{\"stations\":["
                + "{\"station_id\":213688169,\"num_bikes_available\":1,\"numBikesAvailable\":1,"
                + "\"num_docks_available\":34,\"numDocksAvailable\":34,\"last_reported\":"
                + (lastUpdated.getEpochSecond() - 30) + ",\"stationCode\":\"16107\"}]}}";
    }

    static String information(Instant lastUpdated) {
        return "{\"lastUpdatedOther\":" + lastUpdated.getEpochSecond() + ",\"ttl\":3600,\"data\":{\"stations\":["
                + "{\"station_id\":213688169,\"stationCode\":\"16107\",\"name\":\"Benjamin Godard - Victor Hugo\","
                + "\"lat\":48.865983,\"lon\":2.275725,\"capacity\":35}]}}";
    }

    private void write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
