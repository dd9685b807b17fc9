package org.velibstream.bench.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import javax.annotation.Nullable;
import org.velibstream.gbfs.StationStatus;

/**
 * The part of one station status that the per-postal-code sums need, with its event time.
 *
 * @param stationCode Vélib's {@code stationCode}; null when the entry has none
 * @param stationId {@code station_id}; null when a plain-Jackson entry has none (then the code is there)
 * @param timestamp event time, epoch milliseconds: the record's Kafka timestamp (0 where no one needs it)
 */
public record StationReading(
        @Nullable String stationCode,
        @Nullable String stationId,
        long timestamp,
        int bikes,
        int mechanical,
        int ebikes,
        int docks,
        boolean installed) {

    private static final JsonFactory JSON = new JsonFactory();

    public StationReading {
        if (stationCode == null && stationId == null) {
            throw new IllegalArgumentException("a station reading needs a stationCode or a station_id");
        }
    }

    /** The key Vélib' users know a station by: its code when the feed has one, else its id. */
    public String stationKey() {
        return stationCode != null ? stationCode : stationId;
    }

    /** From the project's decoder, as the Kafka Streams peer reads records (the job decodes the same way). */
    public static StationReading of(StationStatus status, long timestamp) {
        return new StationReading(
                status.stationCode(),
                status.stationId(),
                timestamp,
                status.bikesAvailable(),
                zeroIfNull(status.mechanicalBikes()),
                zeroIfNull(status.ebikes()),
                status.docksAvailable(),
                status.installed());
    }

    /** One Vélib' entry on its own, as the floor reads a record: see {@link #read(JsonParser, long)}. */
    public static StationReading parse(byte[] entry, long timestamp) throws IOException {
        try (JsonParser parser = JSON.createParser(entry)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a station entry must be a JSON object, found " + parser.currentToken());
            }
            return read(parser, timestamp);
        }
    }

    /**
     * The floors' way to read a Vélib' entry: one plain pass of Jackson's streaming parser, from just after the
     * entry's {@code START_OBJECT} to its end, with no validation beyond the parser's own. An entry with neither
     * {@code stationCode} nor {@code station_id}, or a count that is not a number, fails with an {@link IOException}.
     */
    public static StationReading read(JsonParser parser, long timestamp) throws IOException {
        String stationCode = null;
        String stationId = null;
        int bikes = 0;
        int mechanical = 0;
        int ebikes = 0;
        int docks = 0;
        boolean installed = true;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "stationCode" -> stationCode = parser.getText();
                case "station_id" -> stationId = parser.getText();
                case "num_bikes_available" -> bikes = parser.getIntValue();
                case "num_docks_available" -> docks = parser.getIntValue();
                case "is_installed" -> installed = parser.getIntValue() != 0;
                case "num_bikes_available_types" -> {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String type = parser.currentName();
                            parser.nextToken();
                            if ("mechanical".equals(type)) {
                                mechanical += parser.getIntValue();
                            } else if ("ebike".equals(type)) {
                                ebikes += parser.getIntValue();
                            }
                        }
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (stationCode == null && stationId == null) {
            throw new IOException(
                    "a station entry needs a stationCode or a station_id, at " + parser.currentLocation());
        }
        return new StationReading(stationCode, stationId, timestamp, bikes, mechanical, ebikes, docks, installed);
    }

    /** True when this reading replaces {@code other} as the latest of its station: later, or as late and read after. */
    public boolean supersedes(StationReading other) {
        return timestamp >= other.timestamp;
    }

    private static int zeroIfNull(Integer value) {
        return value != null ? value : 0;
    }
}
