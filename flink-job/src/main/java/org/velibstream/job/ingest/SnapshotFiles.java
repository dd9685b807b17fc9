package org.velibstream.job.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.velibstream.gbfs.GbfsDecodingException;
import org.velibstream.gbfs.GbfsFeedHeader;
import org.velibstream.gbfs.StationStatusDecoder;

/**
 * A recording of a GBFS system for a bounded replay: its station_status snapshots in time order, and the system's
 * other feeds recorded beside them.
 *
 * <p>Under the directory (at any depth), every JSON file is a station_status snapshot whatever its name
 * ({@code 1654562012.json}, {@code status/1673161867_station_status.json}) unless its name names another GBFS feed
 * ({@link #OTHER_FEEDS}). Of those, station_information, system_information, system_regions and vehicle_types are the
 * system's feeds, looked for in the directory, else in its parent (so that both {@code rec/} and {@code rec/status/}
 * work); the others are left out. Snapshots are ordered by the document's {@code last_updated} (the file's
 * modification time when the document has none).
 */
public final class SnapshotFiles {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotFiles.class);

    /** GBFS feeds whose files are not station_status snapshots, longest first so that the most precise name wins. */
    static final List<String> OTHER_FEEDS = List.of(
            "system_pricing_plans",
            "station_information",
            "system_information",
            "geofencing_zones",
            "free_bike_status",
            "system_calendar",
            "system_regions",
            "vehicle_status",
            "gbfs_versions",
            "system_alerts",
            "vehicle_types",
            "system_hours",
            "manifest",
            "gbfs");

    /** The feeds a replay reads besides the snapshots. */
    static final List<GbfsFeed> SYSTEM_FEEDS = List.of(
            GbfsFeed.STATION_INFORMATION, GbfsFeed.SYSTEM_INFORMATION, GbfsFeed.SYSTEM_REGIONS, GbfsFeed.VEHICLE_TYPES);

    private SnapshotFiles() {}

    /**
     * @param statusFiles the snapshots, in time order
     * @param feedFiles the system's other recorded feeds
     */
    public record Recording(List<String> statusFiles, Map<GbfsFeed, Path> feedFiles) {
        public Recording {
            statusFiles = List.copyOf(statusFiles);
            feedFiles = Map.copyOf(feedFiles);
        }

        public Optional<Path> feed(GbfsFeed feed) {
            return Optional.ofNullable(feedFiles.get(feed));
        }
    }

    /** The snapshots of {@link #scan}, in time order. */
    public static List<String> inTimeOrder(Path directoryOrFile) throws IOException {
        return scan(directoryOrFile).statusFiles();
    }

    /** Reads a recording: a directory of snapshots, or one snapshot file. */
    public static Recording scan(Path directoryOrFile) throws IOException {
        if (!Files.exists(directoryOrFile)) {
            throw new IOException("No station_status snapshots: " + directoryOrFile + " does not exist");
        }
        boolean oneFile = Files.isRegularFile(directoryOrFile);
        Path onlySnapshot = oneFile ? directoryOrFile.toAbsolutePath().normalize() : null;
        Path directory = oneFile ? onlySnapshot.getParent() : directoryOrFile;
        List<Path> snapshots = new ArrayList<>();
        Map<GbfsFeed, List<Path>> feeds = new EnumMap<>(GbfsFeed.class);
        try (Stream<Path> walk = Files.walk(directory, oneFile ? 1 : Integer.MAX_VALUE)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                sort(file, onlySnapshot, snapshots, feeds);
            }
        }
        if (snapshots.isEmpty()) {
            throw new IOException("No station_status snapshot (a .json file not named after another GBFS feed) under "
                    + directoryOrFile);
        }
        Path parent = directory.toAbsolutePath().getParent();
        if (parent != null && SYSTEM_FEEDS.stream().anyMatch(feed -> !feeds.containsKey(feed))) {
            Map<GbfsFeed, List<Path>> besides = new EnumMap<>(GbfsFeed.class);
            try (Stream<Path> list = Files.list(parent)) {
                for (Path file : list.filter(Files::isRegularFile).sorted().toList()) {
                    systemFeed(file).ifPresent(feed -> besides.computeIfAbsent(feed, f -> new ArrayList<>())
                            .add(file));
                }
            }
            besides.forEach(feeds::putIfAbsent);
        }
        Map<GbfsFeed, Path> feedFiles = new EnumMap<>(GbfsFeed.class);
        for (Map.Entry<GbfsFeed, List<Path>> feed : feeds.entrySet()) {
            feedFiles.put(feed.getKey(), newest(feed.getKey(), feed.getValue()));
        }
        return new Recording(inTimeOrder(snapshots), feedFiles);
    }

    /** Puts {@code file} where it belongs: a snapshot, one of the system's feeds, or nowhere. */
    private static void sort(
            Path file, @Nullable Path onlySnapshot, List<Path> snapshots, Map<GbfsFeed, List<Path>> feeds) {
        if (file.equals(onlySnapshot)) {
            snapshots.add(file);
            return;
        }
        String name = file.getFileName().toString();
        Optional<String> otherFeed = feedNamed(name);
        if (otherFeed.isPresent()) {
            Optional<GbfsFeed> systemFeed = systemFeed(file);
            if (systemFeed.isPresent()) {
                feeds.computeIfAbsent(systemFeed.get(), f -> new ArrayList<>()).add(file);
            } else {
                LOG.info("{} is a recorded {} feed, which a replay does not read: left out", file, otherFeed.get());
            }
        } else if (onlySnapshot == null && isJson(name)) {
            snapshots.add(file);
        } else if (onlySnapshot == null && !name.startsWith(".")) {
            LOG.info("{} is not a JSON file: left out of the snapshots", file);
        }
    }

    /** The system feed a file holds, by its name: station_information, system_information, … */
    private static Optional<GbfsFeed> systemFeed(Path file) {
        return feedNamed(file.getFileName().toString()).flatMap(GbfsFeed::named).filter(SYSTEM_FEEDS::contains);
    }

    /**
     * The GBFS feed other than station_status that a file name names: the whole name without {@code .json}, or its
     * end after a {@code '_'}, {@code '-'} or {@code '.'} ({@code 1673161867_station_information.json}), or its start
     * before one ({@code station_information_2023-01-11.json}; not for {@code gbfs}, a common prefix).
     */
    static Optional<String> feedNamed(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        String base = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        if (base.endsWith(GbfsFeed.STATION_STATUS.feedName())) {
            return Optional.empty();
        }
        for (String feed : OTHER_FEEDS) {
            if (base.equals(feed) || endsWithWord(base, feed) || !feed.equals("gbfs") && startsWithWord(base, feed)) {
                return Optional.of(feed);
            }
        }
        return Optional.empty();
    }

    private static boolean endsWithWord(String base, String word) {
        int at = base.length() - word.length() - 1;
        return at >= 0 && base.endsWith(word) && "_-.".indexOf(base.charAt(at)) >= 0;
    }

    private static boolean startsWithWord(String base, String word) {
        return base.length() > word.length() && base.startsWith(word) && "_-.".indexOf(base.charAt(word.length())) >= 0;
    }

    /** A {@code .json} file, or one without an extension, as recordings named by time sometimes are. */
    private static boolean isJson(String name) {
        return !name.startsWith(".") && (name.toLowerCase(Locale.ROOT).endsWith(".json") || name.indexOf('.') < 0);
    }

    /** Of several recordings of one feed, the newest by document time. */
    private static Path newest(GbfsFeed feed, List<Path> files) throws IOException {
        List<String> ordered = inTimeOrder(files);
        Path newest = Path.of(ordered.get(ordered.size() - 1));
        if (files.size() > 1) {
            LOG.info("{} recordings of {}: the newest, {}, is read", files.size(), feed, newest);
        }
        return newest;
    }

    private static List<String> inTimeOrder(List<Path> files) throws IOException {
        StationStatusDecoder decoder = new StationStatusDecoder();
        List<Snapshot> snapshots = new ArrayList<>();
        for (Path file : files) {
            snapshots.add(new Snapshot(file, documentTime(decoder, file, Files.readAllBytes(file))));
        }
        snapshots.sort(Comparator.comparing(Snapshot::time).thenComparing(Snapshot::file));
        return snapshots.stream().map(snapshot -> snapshot.file().toString()).toList();
    }

    /** The document's last_updated; the file's modification time when it has none or cannot be read as GBFS. */
    static Instant documentTime(StationStatusDecoder decoder, Path file, byte[] document) throws IOException {
        try {
            Instant lastUpdated = decoder.readHeader(document)
                    .map(GbfsFeedHeader::lastUpdated)
                    .orElse(null);
            if (lastUpdated != null) {
                return lastUpdated;
            }
        } catch (GbfsDecodingException e) {
            // The replay turns it into a dead letter; its place in the order does not matter.
        }
        return Files.getLastModifiedTime(file).toInstant();
    }

    private record Snapshot(Path file, Instant time) {}
}
