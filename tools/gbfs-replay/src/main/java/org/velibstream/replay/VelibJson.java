package org.velibstream.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.velibstream.gbfs.StationStatus;
import org.velibstream.gbfs.VelibEntryJson;

/**
 * Writes the documents the server generates. Station feeds and {@code system_information} take Vélib's shape, which
 * the job's decoders expect: {@code lastUpdatedOther} instead of {@code last_updated}, no {@code version}, 64-bit
 * numeric {@code station_id}s, snake_case counts with their camelCase twins, {@code num_bikes_available_types} as an
 * array of one-key objects and 0/1 flags. The discovery file takes the standard GBFS 2.3 shape
 * ({@code data.<language>.feeds[]}), which both Vélib' and GBFS clients read.
 */
final class VelibJson {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String LANGUAGE = "en";

    private VelibJson() {}

    /** {@code gbfs.json}: each of {@link GbfsFeeds#NAMES} at {@code base + name + ".json"}. */
    static byte[] discovery(URI base, Instant lastUpdated, int ttlSeconds) {
        return discovery(base, lastUpdated, ttlSeconds, GbfsFeeds.NAMES);
    }

    /** {@code gbfs.json}: each of {@code feeds} at {@code base + name + ".json"}. */
    static byte[] discovery(URI base, Instant lastUpdated, int ttlSeconds, List<String> feeds) {
        return write(json -> {
            json.writeNumberField("last_updated", lastUpdated.getEpochSecond());
            json.writeNumberField("ttl", ttlSeconds);
            json.writeStringField("version", "2.3");
            json.writeObjectFieldStart("data");
            json.writeObjectFieldStart(LANGUAGE);
            json.writeArrayFieldStart("feeds");
            for (String name : feeds) {
                json.writeStartObject();
                json.writeStringField("name", name);
                json.writeStringField("url", base.resolve(name + ".json").toString());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    static byte[] systemInformation(
            Instant lastUpdated, int ttlSeconds, String systemId, String name, String timezone) {
        return velibDocument(lastUpdated, ttlSeconds, json -> {
            json.writeObjectFieldStart("data");
            json.writeStringField("system_id", systemId);
            json.writeStringField("name", name);
            json.writeStringField("url", "");
            json.writeStringField("timezone", timezone);
            json.writeStringField("language", LANGUAGE);
            json.writeEndObject();
        });
    }

    /** Capacities are written as the station table has them, 0 included: the real feed's trap stays. */
    static byte[] stationInformation(Instant lastUpdated, int ttlSeconds, List<SimulatedStation> stations) {
        return stationFeed(lastUpdated, ttlSeconds, json -> {
            for (SimulatedStation station : stations) {
                json.writeStartObject();
                VelibEntryJson.writeStationId(json, station.stationId());
                json.writeStringField("stationCode", station.stationCode());
                json.writeStringField("name", station.name());
                json.writeNumberField("lat", station.coordinates().lat());
                json.writeNumberField("lon", station.coordinates().lon());
                if (station.declaredCapacity() != null) {
                    json.writeNumberField("capacity", station.declaredCapacity());
                }
                json.writeEndObject();
            }
        });
    }

    static byte[] stationStatus(Instant lastUpdated, int ttlSeconds, List<StationStatus> statuses) {
        return stationFeed(lastUpdated, ttlSeconds, json -> {
            for (StationStatus status : statuses) {
                VelibEntryJson.writeStatus(json, status);
            }
        });
    }

    private static byte[] stationFeed(Instant lastUpdated, int ttlSeconds, Body stations) {
        return velibDocument(lastUpdated, ttlSeconds, json -> {
            json.writeObjectFieldStart("data");
            json.writeArrayFieldStart("stations");
            stations.write(json);
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static byte[] velibDocument(Instant lastUpdated, int ttlSeconds, Body data) {
        return write(json -> {
            json.writeNumberField("lastUpdatedOther", lastUpdated.getEpochSecond());
            json.writeNumberField("ttl", ttlSeconds);
            data.write(json);
        });
    }

    /** A JSON object holding {@code fields}, as bytes. */
    static byte[] write(Body fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toByteArray();
    }

    /** Fields (or entries) written into an object (or array) opened by the caller. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator json) throws IOException;
    }
}
