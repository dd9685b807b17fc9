package org.velibstream.replay;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Objects;
import org.velibstream.gbfs.StationStatus;

/**
 * Writes the station entries of {@link GbfsJson}'s dialects. Whatever the dialect, the bikes a client reads are the
 * model's mechanical plus electric bikes, and its docks the model's free docks, so sums agree across dialects:
 *
 * <ul>
 *   <li>GBFS 1.1: {@code num_bikes_available} alone (no split), 0/1 flags; no region, no post code.
 *   <li>GBFS 2.3: {@code num_bikes_available} and {@code vehicle_types_available} ({@code count} per type of
 *       {@code vehicle_types.json}); {@code short_name}, {@code region_id} and {@code post_code}.
 *   <li>GBFS 3.0: {@code num_vehicles_available} and {@code vehicle_types_available}, localized {@code name} and
 *       {@code short_name}, RFC 3339 {@code last_reported}; {@code region_id} and {@code post_code}.
 *   <li>Lyft: {@code num_bikes_available} and its electric part {@code num_ebikes_available}, the broken docks as
 *       {@code num_docks_disabled}, {@code legacy_id} (the table's station code), {@code region_id}, no post code.
 * </ul>
 *
 * Capacities are the model's: the Vélib' table's capacity 0 is Vélib's trap, not these systems'.
 */
final class GbfsStationJson {

    private final GbfsJson document;
    private final FeedDialect dialect;

    GbfsStationJson(GbfsJson document) {
        this.document = Objects.requireNonNull(document, "document");
        this.dialect = document.dialect();
    }

    void writeInformation(JsonGenerator json, SimulatedStation station, String stationId) throws IOException {
        json.writeStartObject();
        json.writeStringField("station_id", stationId);
        if (dialect == FeedDialect.LYFT) {
            json.writeStringField("external_id", stationId);
            json.writeStringField("legacy_id", station.stationCode());
        }
        document.writeText(json, "name", station.name());
        if (dialect != FeedDialect.GBFS1) {
            document.writeText(json, "short_name", station.stationCode());
        }
        json.writeNumberField("lat", station.coordinates().lat());
        json.writeNumberField("lon", station.coordinates().lon());
        json.writeNumberField("capacity", station.capacity());
        if (dialect != FeedDialect.GBFS1 && station.regionId() != null) {
            json.writeStringField("region_id", station.regionId());
        }
        if ((dialect == FeedDialect.GBFS2 || dialect == FeedDialect.GBFS3) && station.postCode() != null) {
            json.writeStringField("post_code", station.postCode());
        }
        if (dialect == FeedDialect.LYFT) {
            json.writeStringField("station_type", "classic");
            json.writeBooleanField("has_kiosk", true);
        }
        json.writeEndObject();
    }

    void writeStatus(JsonGenerator json, SimulatedStation station, StationStatus status, String stationId)
            throws IOException {
        int mechanical = Objects.requireNonNull(status.mechanicalBikes(), "the model splits every count");
        int ebikes = Objects.requireNonNull(status.ebikes(), "the model splits every count");
        json.writeStartObject();
        json.writeStringField("station_id", stationId);
        if (dialect == FeedDialect.LYFT) {
            json.writeStringField("legacy_id", station.stationCode());
        }
        json.writeNumberField(
                dialect == FeedDialect.GBFS3 ? "num_vehicles_available" : "num_bikes_available", mechanical + ebikes);
        if (dialect == FeedDialect.GBFS2 || dialect == FeedDialect.GBFS3) {
            json.writeArrayFieldStart("vehicle_types_available");
            writeTypeCount(json, GbfsJson.MECHANICAL_TYPE_ID, mechanical);
            writeTypeCount(json, GbfsJson.EBIKE_TYPE_ID, ebikes);
            json.writeEndArray();
        }
        if (dialect == FeedDialect.LYFT) {
            json.writeNumberField("num_ebikes_available", ebikes);
            json.writeNumberField("num_bikes_disabled", 0);
            json.writeNumberField("num_scooters_available", 0);
        }
        json.writeNumberField("num_docks_available", status.docksAvailable());
        if (dialect == FeedDialect.LYFT) {
            json.writeNumberField("num_docks_disabled", status.installed() ? station.brokenDocks() : 0);
            json.writeStringField("station_status", status.installed() ? "active" : "out_of_service");
        }
        document.writeFlag(json, "is_installed", status.installed());
        document.writeFlag(json, "is_renting", status.renting());
        document.writeFlag(json, "is_returning", status.returning());
        if (status.lastReported() != null) {
            document.writeTime(json, "last_reported", status.lastReported());
        }
        json.writeEndObject();
    }

    private static void writeTypeCount(JsonGenerator json, String vehicleTypeId, int count) throws IOException {
        json.writeStartObject();
        json.writeStringField("vehicle_type_id", vehicleTypeId);
        json.writeNumberField("count", count);
        json.writeEndObject();
    }
}
