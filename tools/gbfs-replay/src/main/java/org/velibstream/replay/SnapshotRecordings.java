package org.velibstream.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.annotation.Nullable;
import org.velibstream.gbfs.GbfsDecodingException;
import org.velibstream.gbfs.GbfsFeedHeader;
import org.velibstream.gbfs.StationStatusDecoder;

/**
 * Finds recorded moments under a folder. A moment is either a folder holding {@code station_status.json} and its
 * sibling feeds, or a set of files sharing a prefix, such as {@code 2024-11-19T0800_station_status.json}. Recorded
 * {@code gbfs.json} files are ignored: the server writes its own, pointing at itself. Moments are ordered by the time
 * their documents carry ({@code last_updated}, or Vélib's {@code lastUpdatedOther}), not by their names.
 */
public final class SnapshotRecordings {

    /** How deep recordings may sit under the given folder: {@code DIR/moment/feed.json} and one level more. */
    private static final int MAX_DEPTH = 3;

    private static final int DEFAULT_TTL_SECONDS = 60;
    private static final Pattern FEED_FILE =
            Pattern.compile("(.*?)[_-]?(" + String.join("|", GbfsFeeds.ALL_NAMES) + ")\\.json");
    /**
     * Files of a status folder that are not station_status snapshots: the system's other feeds, also when they carry
     * a prefix like the snapshots do ({@code 1673161867_system_alerts.json}).
     */
    private static final Pattern OTHER_FEED_FILE = Pattern.compile("(?i)(.*?[_-])?(gbfs|gbfs_versions"
            + "|system_information|station_information|vehicle_types|system_regions|system_alerts|system_hours"
            + "|system_calendar|system_pricing_plans|free_bike_status|vehicle_status|geofencing_zones"
            + "|manifest)\\.json");
    /** The system's feeds read beside a status folder's snapshots. */
    private static final List<String> SIBLING_FEEDS = GbfsFeeds.ALL_NAMES.stream()
            .filter(name -> !name.equals(GbfsFeeds.STATION_STATUS))
            .toList();
    /** Only the header is read, and every GBFS document has the same header. */
    private static final StationStatusDecoder HEADERS = new StationStatusDecoder();

    private SnapshotRecordings() {}

    /**
     * @return the recordings, oldest first
     * @throws IOException if a file cannot be read, a document has no time to order it by, or there is no recording
     */
    public static List<SnapshotRecording> load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("Not a folder of GBFS recordings: " + dir.toAbsolutePath());
        }
        Map<String, Map<String, Path>> filesByMoment = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir, MAX_DEPTH)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                Matcher name = FEED_FILE.matcher(file.getFileName().toString());
                if (name.matches()) {
                    String folder = dir.relativize(file.getParent()).toString();
                    String moment = name.group(1).isEmpty() ? folder : folder + '/' + name.group(1);
                    filesByMoment
                            .computeIfAbsent(moment.isEmpty() ? "." : moment, m -> new LinkedHashMap<>())
                            .put(name.group(2), file);
                }
            }
        }
        if (filesByMoment.isEmpty()) {
            throw new IOException("No recorded GBFS feeds (" + String.join(", ", GbfsFeeds.ALL_NAMES)
                    + " .json files) under " + dir.toAbsolutePath());
        }
        List<SnapshotRecording> recordings = new ArrayList<>();
        for (Map.Entry<String, Map<String, Path>> moment : filesByMoment.entrySet()) {
            recordings.add(read(moment.getKey(), moment.getValue()));
        }
        recordings.sort(Comparator.comparing(SnapshotRecording::time).thenComparing(SnapshotRecording::label));
        return List.copyOf(recordings);
    }

    /**
     * A folder of {@code station_status} snapshots as people keep them: every {@code .json} file directly in
     * {@code dir} is one, whatever its name ({@code 1654562012.json}, {@code 1673161867_station_status.json}), except
     * the system's other feeds ({@code station_information.json}, {@code gbfs.json}...). Snapshots are ordered by
     * their document's time, then by name. The system's other feeds ({@code station_information},
     * {@code system_information}, {@code vehicle_types}, {@code system_regions}) are read from {@code dir}, else
     * from its parent folder, and served with every snapshot.
     *
     * @return the recordings, oldest first; the first holds the other feeds
     * @throws IOException if a file cannot be read, a snapshot has no time to order it by, or there is none
     */
    public static List<SnapshotRecording> loadStatusFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("Not a folder of station_status snapshots: " + dir.toAbsolutePath());
        }
        List<SnapshotRecording> recordings = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String name = file.getFileName().toString();
                if (name.toLowerCase(Locale.ROOT).endsWith(".json")
                        && !OTHER_FEED_FILE.matcher(name).matches()) {
                    FeedDocument status = recorded(file);
                    recordings.add(new SnapshotRecording(
                            name, status.lastModified(), Map.of(GbfsFeeds.STATION_STATUS, status)));
                }
            }
        }
        if (recordings.isEmpty()) {
            throw new IOException("No station_status snapshot (.json file) in " + dir.toAbsolutePath());
        }
        recordings.sort(Comparator.comparing(SnapshotRecording::time).thenComparing(SnapshotRecording::label));
        Map<String, FeedDocument> first = new LinkedHashMap<>(recordings.get(0).documents());
        for (String feed : SIBLING_FEEDS) {
            Path beside = siblingFeed(dir, feed);
            if (beside != null) {
                first.put(feed, recorded(beside));
            }
        }
        recordings.set(
                0,
                new SnapshotRecording(
                        recordings.get(0).label(), recordings.get(0).time(), first));
        return List.copyOf(recordings);
    }

    @Nullable
    private static Path siblingFeed(Path dir, String feed) {
        Path here = dir.resolve(feed + ".json");
        if (Files.isRegularFile(here)) {
            return here;
        }
        Path parent = dir.toAbsolutePath().getParent();
        Path above = parent == null ? null : parent.resolve(feed + ".json");
        return above != null && Files.isRegularFile(above) ? above : null;
    }

    private static SnapshotRecording read(String label, Map<String, Path> files) throws IOException {
        Map<String, FeedDocument> documents = new LinkedHashMap<>();
        for (Map.Entry<String, Path> feed : files.entrySet()) {
            documents.put(feed.getKey(), recorded(feed.getValue()));
        }
        FeedDocument status = documents.get(GbfsFeeds.STATION_STATUS);
        Instant time = status != null
                ? status.lastModified()
                : documents.values().stream()
                        .map(FeedDocument::lastModified)
                        .min(Comparator.naturalOrder())
                        .orElseThrow();
        return new SnapshotRecording(label, time, documents);
    }

    private static FeedDocument recorded(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        GbfsFeedHeader header;
        try {
            header = HEADERS.readHeader(bytes).orElseThrow(() -> new GbfsDecodingException("no top-level \"data\""));
        } catch (GbfsDecodingException e) {
            throw new IOException(file + " is not a GBFS document: " + e.getMessage(), e);
        }
        if (header.lastUpdated() == null) {
            throw new IOException(
                    file + " has neither last_updated nor lastUpdatedOther, so it cannot be placed in time");
        }
        int ttl = header.ttlSeconds() != null && header.ttlSeconds() >= 0 ? header.ttlSeconds() : DEFAULT_TTL_SECONDS;
        return new FeedDocument(bytes, header.lastUpdated(), ttl);
    }
}
