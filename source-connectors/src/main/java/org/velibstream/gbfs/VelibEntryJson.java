package org.velibstream.gbfs;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import javax.annotation.Nullable;

/**
 * Writes station entries in Vélib's own shape: numeric 64-bit {@code station_id}s, snake_case counts with their
 * camelCase twins, {@code num_bikes_available_types} as single-key objects, 0/1 flags. Free of Flink, so that the
 * replay server, which runs without Flink, writes entries the same way as the Kafka serializer.
 */
public final class VelibEntryJson {

    private VelibEntryJson() {}

    /** Writes one station_status entry as a JSON object. */
    public static void writeStatus(JsonGenerator json, StationStatus status) throws IOException {
        json.writeStartObject();
        writeStationId(json, status.stationId());
        json.writeNumberField("num_bikes_available", status.bikesAvailable());
        json.writeNumberField("numBikesAvailable", status.bikesAvailable());
        if (status.mechanicalBikes() != null || status.ebikes() != null) {
            json.writeArrayFieldStart("num_bikes_available_types");
            writeType(json, "mechanical", status.mechanicalBikes());
            writeType(json, "ebike", status.ebikes());
            json.writeEndArray();
        }
        json.writeNumberField("num_docks_available", status.docksAvailable());
        json.writeNumberField("numDocksAvailable", status.docksAvailable());
        json.writeNumberField("is_installed", status.installed() ? 1 : 0);
        json.writeNumberField("is_returning", status.returning() ? 1 : 0);
        json.writeNumberField("is_renting", status.renting() ? 1 : 0);
        if (status.lastReported() != null) {
            json.writeNumberField("last_reported", status.lastReported().getEpochSecond());
        }
        if (status.stationCode() != null) {
            json.writeStringField("stationCode", status.stationCode());
        }
        json.writeEndObject();
    }

    /** Vélib' ids are JSON numbers of up to 64 bits; an id that is not such a number (other systems) stays text. */
    public static void writeStationId(JsonGenerator json, String stationId) throws IOException {
        if (stationId.chars().allMatch(Character::isDigit) && stationId.length() < 19) {
            json.writeNumberField("station_id", Long.parseLong(stationId));
        } else {
            json.writeStringField("station_id", stationId);
        }
    }

    private static void writeType(JsonGenerator json, String type, @Nullable Integer count) throws IOException {
        if (count != null) {
            json.writeStartObject();
            json.writeNumberField(type, count);
            json.writeEndObject();
        }
    }
}
