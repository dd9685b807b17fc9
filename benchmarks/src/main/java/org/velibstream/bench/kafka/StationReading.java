package org.velibstream.bench.kafka;

import org.velibstream.gbfs.StationStatus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.Objects;

/**
 * The part of one station status that the windowed sums need, with its event time.
 *
 * @param timestamp event time, epoch milliseconds: the record's Kafka timestamp
 */
public record StationReading(
        String stationKey, long timestamp, int bikes, int mechanical, int ebikes, int docks, boolean installed) {

    private static final JsonFactory JSON = new JsonFactory();

    public StationReading {
        Objects.requireNonNull(stationKey, "stationKey");
    }

    /** From the project's decoder, as the Kafka Streams peer reads records (the job decodes the same way). */
    public static StationReading of(StationStatus status, long timestamp) {
        return new StationReading(status.stationKey(), timestamp, status.bikesAvailable(),
                zeroIfNull(status.mechanicalBikes()), zeroIfNull(status.ebikes()), status.docksAvailable(),
                status.installed());
    }

    /**
     * One plain pass of Jackson's streaming parser over a Vélib' entry, as the floor reads records: no validation
     * beyond the parser's own. An entry that is not a JSON object, or has neither {@code stationCode} nor
     * {@code station_id}, fails with an {@link IOException} saying so.
     */
    public static StationReading parse(byte[] entry, long timestamp) throws IOException {
        String stationCode = null;
        String stationId = null;
        int bikes = 0;
        int mechanical = 0;
        int ebikes = 0;
        int docks = 0;
        boolean installed = true;
        try (JsonParser parser = JSON.createParser(entry)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a station entry must be a JSON object, found " + parser.currentToken());
            }
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
        }
        String key = stationCode != null ? stationCode : stationId;
        if (key == null) {
            throw new IOException("a station entry needs a stationCode or a station_id");
        }
        return new StationReading(key, timestamp, bikes, mechanical, ebikes, docks, installed);
    }

    /** True when this reading replaces {@code other} as the latest of its station: later, or as late and read after. */
    public boolean supersedes(StationReading other) {
        return timestamp >= other.timestamp;
    }

    private static int zeroIfNull(Integer value) {
        return value != null ? value : 0;
    }
}
