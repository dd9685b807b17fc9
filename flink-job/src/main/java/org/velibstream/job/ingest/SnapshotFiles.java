package org.velibstream.job.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.velibstream.gbfs.GbfsDecodingException;
import org.velibstream.gbfs.GbfsFeedHeader;
import org.velibstream.gbfs.StationStatusDecoder;

/**
 * The recorded station_status snapshots of a bounded replay, in time order: every {@code .json} file whose name
 * contains {@code station_status}, under a directory (at any depth) or given as a single file, ordered by the
 * document's {@code last_updated} (the file's modification time when the document has none).
 */
public final class SnapshotFiles {

    private SnapshotFiles() {}

    public static List<String> inTimeOrder(Path directoryOrFile) throws IOException {
        if (!Files.exists(directoryOrFile)) {
            throw new IOException("No station_status snapshots: " + directoryOrFile + " does not exist");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directoryOrFile)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(path -> Files.isRegularFile(directoryOrFile)
                            || path.getFileName().toString().contains(GbfsFeed.STATION_STATUS.feedName())
                                    && path.getFileName().toString().endsWith(".json"))
                    .toList();
        }
        if (files.isEmpty()) {
            throw new IOException("No *station_status*.json file under " + directoryOrFile);
        }
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
