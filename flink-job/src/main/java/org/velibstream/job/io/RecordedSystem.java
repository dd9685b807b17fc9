package org.velibstream.job.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.velibstream.job.ingest.GbfsFeed;
import org.velibstream.job.ingest.GbfsSystemProfile;
import org.velibstream.job.ingest.SnapshotFiles;
import org.velibstream.job.ingest.SystemProfileReader;
import org.velibstream.job.settings.InputSettings;

/**
 * The system a bounded replay ({@code --source files}) reads: its snapshots in time order, its station_information
 * file, and its profile from the system_information, vehicle_types and system_regions recorded beside them.
 *
 * <p>Its id is {@code --raw-system-id} when given, else the recorded system_information's system_id, else the
 * option's default ({@code velib}).
 *
 * @param informationFile {@code --information}, else the recorded station_information; null when there is none
 */
record RecordedSystem(
        GbfsSystemProfile profile,
        List<String> statusFiles,
        @Nullable String informationFile) {

    private static final Logger LOG = LoggerFactory.getLogger(RecordedSystem.class);

    RecordedSystem {
        Objects.requireNonNull(profile, "profile");
        statusFiles = List.copyOf(statusFiles);
    }

    /** @throws IllegalArgumentException when {@code --status} is not given */
    static RecordedSystem resolve(InputSettings settings) throws IOException {
        if (settings.statusFiles() == null) {
            throw new IllegalArgumentException("--source files needs --status <directory of station_status snapshots>");
        }
        Path status = Path.of(settings.statusFiles());
        SnapshotFiles.Recording recording = SnapshotFiles.scan(status);
        Map<GbfsFeed, byte[]> documents = new EnumMap<>(GbfsFeed.class);
        for (GbfsFeed feed : List.of(GbfsFeed.SYSTEM_INFORMATION, GbfsFeed.VEHICLE_TYPES, GbfsFeed.SYSTEM_REGIONS)) {
            Path file = recording.feed(feed).orElse(null);
            if (file != null) {
                try {
                    documents.put(feed, Files.readAllBytes(file));
                } catch (IOException e) {
                    SystemProfileReader.warn(feed, file.toString(), e.getMessage());
                }
            }
        }
        GbfsSystemProfile profile = SystemProfileReader.read(
                settings.rawSystemId(), settings.rawSystemIdGiven(), documents, "the recording " + status);
        String information = settings.informationFile() != null
                ? settings.informationFile()
                : recording
                        .feed(GbfsFeed.STATION_INFORMATION)
                        .map(Path::toString)
                        .orElse(null);
        LOG.info(
                "Replaying {} station_status snapshot(s) of system '{}' ({}), station_information {}, recorded feeds {}",
                recording.statusFiles().size(),
                profile.systemId(),
                profile.name(),
                information,
                recording.feedFiles());
        return new RecordedSystem(profile, recording.statusFiles(), information);
    }
}
