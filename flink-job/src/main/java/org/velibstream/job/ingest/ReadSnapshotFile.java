package org.velibstream.job.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.velibstream.gbfs.BikeType;
import org.velibstream.gbfs.GbfsDecodingException;
import org.velibstream.gbfs.StationInformationDecoder;
import org.velibstream.gbfs.StationStatusDecoder;

/** Reads one recorded GBFS document (station_status or station_information) of a bounded replay. */
public final class ReadSnapshotFile implements FlatMapFunction<String, FeedItem> {

    public static final String STATUS_NAME = "Read station_status snapshots";
    public static final String STATUS_UID = "read-status-snapshots";
    public static final String INFORMATION_NAME = "Read station_information";
    public static final String INFORMATION_UID = "read-station-information";

    private static final long serialVersionUID = 1L;

    private final String systemId;
    private final boolean information;
    private final StationStatusDecoder statusDecoder;
    private final StationInformationDecoder informationDecoder = new StationInformationDecoder();

    private ReadSnapshotFile(String systemId, boolean information, Map<String, BikeType> vehicleTypes) {
        this.systemId = Objects.requireNonNull(systemId, "systemId");
        this.information = information;
        this.statusDecoder = new StationStatusDecoder(vehicleTypes);
    }

    public static ReadSnapshotFile statuses(String systemId) {
        return statuses(systemId, Map.of());
    }

    /** @param vehicleTypes the system's {@code vehicle_type_id} → bike type, from its recorded vehicle_types */
    public static ReadSnapshotFile statuses(String systemId, Map<String, BikeType> vehicleTypes) {
        return new ReadSnapshotFile(systemId, false, vehicleTypes);
    }

    public static ReadSnapshotFile information(String systemId) {
        return new ReadSnapshotFile(systemId, true, Map.of());
    }

    @Override
    public void flatMap(String file, Collector<FeedItem> out) throws IOException {
        FeedItemCollector items = new FeedItemCollector(systemId, "file " + file, out);
        Instant now = Instant.now();
        byte[] document;
        try {
            document = Files.readAllBytes(Path.of(file));
        } catch (NoSuchFileException e) {
            items.rejectedDocument("file vanished before it was read", new byte[0], now);
            return;
        }
        try {
            if (information) {
                // Station information has no event time of its own here: its timestamp never drives watermarks.
                informationDecoder.decodeDocument(document, items.information(now, now));
            } else {
                Instant modified = Files.getLastModifiedTime(Path.of(file)).toInstant();
                statusDecoder.decodeDocument(document, items.statuses(modified, now));
            }
        } catch (GbfsDecodingException e) {
            items.rejectedDocument(e.getMessage(), document, now);
        }
    }
}
