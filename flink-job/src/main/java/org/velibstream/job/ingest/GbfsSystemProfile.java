package org.velibstream.job.ingest;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import javax.annotation.Nullable;
import org.velibstream.gbfs.BikeType;

/**
 * What the job knows of a GBFS system besides its stations, read once when the job is built from the system's
 * {@code system_information}, {@code vehicle_types} and {@code system_regions} feeds (polled over HTTP, or recorded
 * beside the station_status snapshots). Each part is optional in GBFS: a system without one has it empty or null.
 *
 * @param systemId the id naming the system's state, metrics and output
 * @param name the system's name from system_information; null when unknown
 * @param timeZone the system's time zone from system_information; null when unknown
 * @param vehicleTypes {@code vehicle_type_id} → bike type, from vehicle_types; empty when the system has none
 * @param regionNames {@code region_id} → region name, from system_regions; empty when the system has none
 */
public record GbfsSystemProfile(
        String systemId,
        @Nullable String name,
        @Nullable ZoneId timeZone,
        Map<String, BikeType> vehicleTypes,
        Map<String, String> regionNames)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public GbfsSystemProfile {
        Objects.requireNonNull(systemId, "systemId");
        vehicleTypes = Map.copyOf(vehicleTypes);
        regionNames = Map.copyOf(regionNames);
    }

    /** A system of which nothing is known but its id (the raw Kafka topic's, or a recording without feeds). */
    public static GbfsSystemProfile unknown(String systemId) {
        return new GbfsSystemProfile(systemId, null, null, Map.of(), Map.of());
    }

    /** The same facts under another id (the one the user gave, or the one system_information gives). */
    public GbfsSystemProfile withSystemId(String id) {
        return new GbfsSystemProfile(id, name, timeZone, vehicleTypes, regionNames);
    }
}
