package org.velibstream.replay;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.velibstream.gbfs.StationStatus;
import org.velibstream.replay.VelibJson.Body;

/**
 * Writes the documents of a simulated system in a standard dialect ({@link FeedDialect#GBFS1}, {@link
 * FeedDialect#GBFS2}, {@link FeedDialect#GBFS3}) or in Lyft's shape ({@link FeedDialect#LYFT}); Vélib's shape is
 * {@link VelibJson}'s. The envelope, the discovery file and the system's own feeds are here; station entries are
 * {@link GbfsStationJson}'s.
 */
final class GbfsJson {

    static final String LANGUAGE = "en";
    /** The {@code vehicle_type_id}s of GBFS 2.3 and 3.0: plain numbers, which mean something only through the feed. */
    static final String MECHANICAL_TYPE_ID = "1";

    static final String EBIKE_TYPE_ID = "2";

    private final SystemProfile profile;
    private final FeedDialect dialect;
    private final GbfsStationJson stations;

    GbfsJson(SystemProfile profile) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.dialect = profile.dialect();
        if (dialect == FeedDialect.VELIB) {
            throw new IllegalArgumentException("Vélib's shape is VelibJson's");
        }
        this.stations = new GbfsStationJson(this);
    }

    FeedDialect dialect() {
        return dialect;
    }

    /** {@code gbfs.json}: GBFS 3.0 lists the feeds once ({@code data.feeds}), the others per language. */
    byte[] discovery(URI base, Instant lastUpdated, int ttlSeconds) {
        return document(lastUpdated, ttlSeconds, json -> {
            if (dialect != FeedDialect.GBFS3) {
                json.writeObjectFieldStart(LANGUAGE);
            }
            json.writeArrayFieldStart("feeds");
            for (String name : dialect.feeds()) {
                json.writeStartObject();
                json.writeStringField("name", name);
                json.writeStringField("url", base.resolve(name + ".json").toString());
                json.writeEndObject();
            }
            json.writeEndArray();
            if (dialect != FeedDialect.GBFS3) {
                json.writeEndObject();
            }
        });
    }

    byte[] systemInformation(Instant lastUpdated, int ttlSeconds) {
        return document(lastUpdated, ttlSeconds, json -> {
            json.writeStringField("system_id", profile.systemId());
            if (dialect == FeedDialect.GBFS3) {
                json.writeArrayFieldStart("languages");
                json.writeString(LANGUAGE);
                json.writeEndArray();
            } else {
                json.writeStringField("language", LANGUAGE);
            }
            writeText(json, "name", profile.name());
            if (dialect == FeedDialect.LYFT) {
                json.writeStringField("operator", "velib-stream simulator");
                json.writeStringField("short_name", profile.systemId());
            }
            if (dialect == FeedDialect.GBFS3) {
                json.writeStringField("opening_hours", "24/7");
                json.writeStringField("feed_contact_email", "simulator@velib-stream.invalid");
            }
            json.writeStringField("timezone", profile.timeZone().getId());
        });
    }

    /** A human bicycle and an electric-assist one, in the version's own shape (3.0: localized names). */
    byte[] vehicleTypes(Instant lastUpdated, int ttlSeconds) {
        return document(lastUpdated, ttlSeconds, json -> {
            json.writeArrayFieldStart("vehicle_types");
            writeVehicleType(json, MECHANICAL_TYPE_ID, "human", "Mechanical bike");
            writeVehicleType(json, EBIKE_TYPE_ID, "electric_assist", "E-bike");
            json.writeEndArray();
        });
    }

    private void writeVehicleType(JsonGenerator json, String id, String propulsion, String name) throws IOException {
        json.writeStartObject();
        json.writeStringField("vehicle_type_id", id);
        json.writeStringField("form_factor", "bicycle");
        json.writeStringField("propulsion_type", propulsion);
        if (!propulsion.equals("human")) {
            json.writeNumberField("max_range_meters", 60_000);
        }
        writeText(json, "name", name);
        if (dialect == FeedDialect.GBFS3) {
            json.writeNumberField("wheel_count", 2);
        }
        json.writeEndObject();
    }

    /** @param regions {@code region_id} → name */
    byte[] systemRegions(Instant lastUpdated, int ttlSeconds, Map<String, String> regions) {
        return document(lastUpdated, ttlSeconds, json -> {
            json.writeArrayFieldStart("regions");
            for (Map.Entry<String, String> region : regions.entrySet()) {
                json.writeStartObject();
                json.writeStringField("region_id", region.getKey());
                writeText(json, "name", region.getValue());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    /** @param stationIds the {@code station_id} each station is served under, in the order of {@code stations} */
    byte[] stationInformation(
            Instant lastUpdated, int ttlSeconds, List<SimulatedStation> stations, List<String> stationIds) {
        return document(lastUpdated, ttlSeconds, json -> {
            json.writeArrayFieldStart("stations");
            for (int i = 0; i < stations.size(); i++) {
                this.stations.writeInformation(json, stations.get(i), stationIds.get(i));
            }
            json.writeEndArray();
        });
    }

    /** @param statuses the stations' statuses, in the order of {@code stationIds} */
    byte[] stationStatus(
            Instant lastUpdated,
            int ttlSeconds,
            List<SimulatedStation> stations,
            List<StationStatus> statuses,
            List<String> stationIds) {
        return document(lastUpdated, ttlSeconds, json -> {
            json.writeArrayFieldStart("stations");
            for (int i = 0; i < statuses.size(); i++) {
                this.stations.writeStatus(json, stations.get(i), statuses.get(i), stationIds.get(i));
            }
            json.writeEndArray();
        });
    }

    /**
     * The envelope: {@code last_updated}, {@code ttl} and {@code version} (when the dialect has one) around
     * {@code data}. Lyft writes {@code data} first, as its feeds do.
     */
    private byte[] document(Instant lastUpdated, int ttlSeconds, Body data) {
        return VelibJson.write(json -> {
            if (dialect == FeedDialect.LYFT) {
                writeData(json, data);
            }
            writeTime(json, "last_updated", lastUpdated);
            json.writeNumberField("ttl", ttlSeconds);
            if (dialect.version() != null) {
                json.writeStringField("version", dialect.version());
            }
            if (dialect != FeedDialect.LYFT) {
                writeData(json, data);
            }
        });
    }

    private static void writeData(JsonGenerator json, Body data) throws IOException {
        json.writeObjectFieldStart("data");
        data.write(json);
        json.writeEndObject();
    }

    /** GBFS 3.0: an RFC 3339 date-time at the system's offset; before it, epoch seconds. */
    void writeTime(JsonGenerator json, String field, Instant time) throws IOException {
        if (dialect == FeedDialect.GBFS3) {
            json.writeStringField(
                    field, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.atZone(profile.timeZone())));
        } else {
            json.writeNumberField(field, time.getEpochSecond());
        }
    }

    /** GBFS 3.0: a localized string, {@code [{"text": ..., "language": "en"}]}; before it, the text. */
    void writeText(JsonGenerator json, String field, String text) throws IOException {
        if (dialect == FeedDialect.GBFS3) {
            json.writeArrayFieldStart(field);
            json.writeStartObject();
            json.writeStringField("text", text);
            json.writeStringField("language", LANGUAGE);
            json.writeEndObject();
            json.writeEndArray();
        } else {
            json.writeStringField(field, text);
        }
    }

    /** GBFS 1.x and Lyft: 1/0; GBFS 2.0 on: JSON booleans. */
    void writeFlag(JsonGenerator json, String field, boolean value) throws IOException {
        if (dialect == FeedDialect.GBFS1 || dialect == FeedDialect.LYFT) {
            json.writeNumberField(field, value ? 1 : 0);
        } else {
            json.writeBooleanField(field, value);
        }
    }
}
