package org.velibstream.job.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFilesTest {

    @TempDir
    Path recording;

    @Test
    void snapshotsNamedByTimeAtAnyDepthAreOrderedByDocumentTimeNotByName() throws IOException {
        Path status = Files.createDirectories(recording.resolve("status"));
        write(status.resolve("1654562012.json"), status(1654562012));
        write(status.resolve("b/1654561000.json"), status(1654561000));
        write(status.resolve("a/late_station_status.json"), status(1654563000));
        write(status.resolve("noextension"), status(1654562500));

        assertThat(SnapshotFiles.inTimeOrder(status))
                .containsExactly(
                        status.resolve("b/1654561000.json").toString(),
                        status.resolve("1654562012.json").toString(),
                        status.resolve("noextension").toString(),
                        status.resolve("a/late_station_status.json").toString());
    }

    @Test
    void otherFeedsBesideTheSnapshotsAreTheSystemsFeedsOrLeftOut() throws IOException {
        write(recording.resolve("1673161867_station_status.json"), status(1673161867));
        write(recording.resolve("1673162467_station_status.json"), status(1673162467));
        write(recording.resolve("station_information.json"), "{}");
        write(recording.resolve("sub/system_information.json"), "{}");
        write(recording.resolve("vehicle_types.json"), "{}");
        write(recording.resolve("1673161867_system_regions.json"), "{}");
        for (String other : List.of(
                "gbfs.json",
                "gbfs_versions.json",
                "free_bike_status.json",
                "vehicle_status.json",
                "system_hours.json",
                "system_calendar.json",
                "system_pricing_plans.json",
                "system_alerts.json",
                "geofencing_zones.json",
                "manifest.json",
                "README.md",
                ".DS_Store")) {
            write(recording.resolve(other), "{}");
        }

        SnapshotFiles.Recording read = SnapshotFiles.scan(recording);

        assertThat(read.statusFiles())
                .containsExactly(
                        recording.resolve("1673161867_station_status.json").toString(),
                        recording.resolve("1673162467_station_status.json").toString());
        assertThat(read.feedFiles())
                .isEqualTo(Map.of(
                        GbfsFeed.STATION_INFORMATION, recording.resolve("station_information.json"),
                        GbfsFeed.SYSTEM_INFORMATION, recording.resolve("sub/system_information.json"),
                        GbfsFeed.VEHICLE_TYPES, recording.resolve("vehicle_types.json"),
                        GbfsFeed.SYSTEM_REGIONS, recording.resolve("1673161867_system_regions.json")));
    }

    @Test
    void theSystemsFeedsAreLookedForInTheParentWhenNotBesideTheSnapshots() throws IOException {
        Path status = Files.createDirectories(recording.resolve("status"));
        write(status.resolve("1673161867_station_status.json"), status(1673161867));
        write(status.resolve("vehicle_types.json"), "{\"in\":\"status\"}");
        write(recording.resolve("vehicle_types.json"), "{\"in\":\"parent\"}");
        write(recording.resolve("station_information.json"), "{}");
        write(recording.resolve("system_information.json"), "{}");
        write(recording.resolve("elsewhere/system_regions.json"), "{}");

        SnapshotFiles.Recording read = SnapshotFiles.scan(status);

        assertThat(read.statusFiles())
                .containsExactly(
                        status.resolve("1673161867_station_status.json").toString());
        assertThat(read.feed(GbfsFeed.VEHICLE_TYPES))
                .as("the folder's own wins")
                .contains(status.resolve("vehicle_types.json"));
        assertThat(read.feed(GbfsFeed.STATION_INFORMATION))
                .map(Path::toAbsolutePath)
                .contains(recording.resolve("station_information.json").toAbsolutePath());
        assertThat(read.feed(GbfsFeed.SYSTEM_INFORMATION)).isPresent();
        assertThat(read.feed(GbfsFeed.SYSTEM_REGIONS))
                .as("only the parent itself is searched, not its other folders")
                .isEmpty();
    }

    @Test
    void ofSeveralRecordingsOfAFeedTheNewestIsRead() throws IOException {
        write(recording.resolve("1654562012.json"), status(1654562012));
        write(recording.resolve("2022/station_information.json"), status(1645804741));
        write(recording.resolve("2024/station_information.json"), status(1732003230));
        write(recording.resolve("2023/station_information.json"), status(1673161867));

        assertThat(SnapshotFiles.scan(recording).feed(GbfsFeed.STATION_INFORMATION))
                .contains(recording.resolve("2024/station_information.json"));
    }

    @Test
    void oneFileIsTheOnlySnapshotWhateverItsNameAndItsFolderHoldsTheFeeds() throws IOException {
        Path snapshot = write(recording.resolve("system_status_of_today.json"), status(1654562012));
        write(recording.resolve("1654561000.json"), status(1654561000));
        write(recording.resolve("system_information.json"), "{}");

        SnapshotFiles.Recording read = SnapshotFiles.scan(snapshot);

        assertThat(read.statusFiles()).containsExactly(snapshot.toAbsolutePath().toString());
        assertThat(read.feed(GbfsFeed.SYSTEM_INFORMATION))
                .contains(recording.resolve("system_information.json").toAbsolutePath());
    }

    @Test
    void aFolderWithoutSnapshotsIsRefusedWithTheReason() throws IOException {
        write(recording.resolve("station_information.json"), "{}");

        assertThatThrownBy(() -> SnapshotFiles.scan(recording))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("No station_status snapshot")
                .hasMessageContaining(recording.toString());
        assertThatThrownBy(() -> SnapshotFiles.scan(recording.resolve("absent")))
                .hasMessageContaining("does not exist");
    }

    @Test
    void aFileNamesAFeedByItsWholeNameOrAWordAtItsEndOrStart() {
        assertThat(SnapshotFiles.feedNamed("station_information.json")).contains("station_information");
        assertThat(SnapshotFiles.feedNamed("1673161867_station_information.json"))
                .contains("station_information");
        assertThat(SnapshotFiles.feedNamed("station_information-2023-01-11.json"))
                .contains("station_information");
        assertThat(SnapshotFiles.feedNamed("gbfs.json")).contains("gbfs");
        assertThat(SnapshotFiles.feedNamed("gbfs_versions.json")).contains("gbfs_versions");
        assertThat(SnapshotFiles.feedNamed("gbfs_1654562012.json"))
                .as("a common prefix")
                .isEmpty();
        assertThat(SnapshotFiles.feedNamed("1673161867_station_status.json")).isEmpty();
        assertThat(SnapshotFiles.feedNamed("station_status_1673161867.json")).isEmpty();
        assertThat(SnapshotFiles.feedNamed("1654562012.json")).isEmpty();
        assertThat(SnapshotFiles.feedNamed("my_manifesto.json")).isEmpty();
    }

    static String status(long lastUpdated) {
        return "{\"last_updated\":" + lastUpdated + ",\"ttl\":60,\"data\":{\"stations\":[]}}";
    }

    static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
