package org.velibstream.job.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.velibstream.gbfs.BikeType;
import org.velibstream.gbfs.GbfsDecodingException;
import org.velibstream.gbfs.GbfsVehicleTypes;

/**
 * Builds a {@link GbfsSystemProfile} from the documents of a system's {@code system_information},
 * {@code vehicle_types} and {@code system_regions} feeds, polled or recorded. Each feed is optional in GBFS: a missing
 * one leaves its part empty, and a broken one too, with a WARN line: the job runs without it rather than not at all.
 */
public final class SystemProfileReader {

    private static final Logger LOG = LoggerFactory.getLogger(SystemProfileReader.class);

    private SystemProfileReader() {}

    /**
     * @param givenId the system's id as the user gave it, or the provisional one
     * @param idGiven whether {@code givenId} stands; if not, system_information's system_id (in the id alphabet)
     *     replaces it
     * @param documents the feeds' documents, by feed; a feed the system lacks is absent
     * @param origin where the documents come from, for the log ({@code http://…/gbfs.json}, a folder)
     */
    public static GbfsSystemProfile read(
            String givenId, boolean idGiven, Map<GbfsFeed, byte[]> documents, String origin) {
        Objects.requireNonNull(givenId, "givenId");
        SystemFacts facts = systemInformation(documents.get(GbfsFeed.SYSTEM_INFORMATION), origin);
        String id = givenId;
        if (!idGiven && GbfsSystem.sanitizedId(facts.systemId()) != null) {
            id = GbfsSystem.sanitizedId(facts.systemId());
        }
        return new GbfsSystemProfile(
                id,
                facts.name(),
                facts.timeZone(),
                vehicleTypes(documents.get(GbfsFeed.VEHICLE_TYPES), origin),
                regionNames(documents.get(GbfsFeed.SYSTEM_REGIONS), origin));
    }

    private static SystemFacts systemInformation(@Nullable byte[] document, String origin) {
        if (document == null) {
            return SystemFacts.NONE;
        }
        try {
            return SystemFacts.decode(document);
        } catch (GbfsDecodingException e) {
            warn(GbfsFeed.SYSTEM_INFORMATION, origin, e.getMessage());
            return SystemFacts.NONE;
        }
    }

    private static Map<String, BikeType> vehicleTypes(@Nullable byte[] document, String origin) {
        if (document == null) {
            return Map.of();
        }
        try {
            GbfsVehicleTypes vehicleTypes = GbfsVehicleTypes.decode(document);
            if (!vehicleTypes.rejected().isEmpty()) {
                LOG.warn(
                        "{} vehicle type(s) of {} left out of the bike types: {}",
                        vehicleTypes.rejected().size(),
                        origin,
                        vehicleTypes.rejected());
            }
            return vehicleTypes.bikeTypes();
        } catch (GbfsDecodingException e) {
            warn(GbfsFeed.VEHICLE_TYPES, origin, e.getMessage());
            return Map.of();
        }
    }

    private static Map<String, String> regionNames(@Nullable byte[] document, String origin) {
        if (document == null) {
            return Map.of();
        }
        try {
            return SystemFacts.regionNames(document);
        } catch (GbfsDecodingException e) {
            warn(GbfsFeed.SYSTEM_REGIONS, origin, e.getMessage());
            return Map.of();
        }
    }

    /** Logs an optional feed that cannot be used; the job goes on without its part of the profile. */
    public static void warn(GbfsFeed feed, String origin, String reason) {
        LOG.warn("The {} feed of {} is left out: {}", feed, origin, reason);
    }

    /** What system_information says of the system: its id, name and time zone, each null when it says none. */
    private record SystemFacts(
            @Nullable String systemId,
            @Nullable String name,
            @Nullable ZoneId timeZone) {
        static final SystemFacts NONE = new SystemFacts(null, null, null);

        static SystemFacts decode(byte[] document) throws GbfsDecodingException {
            // TODO(H1 merge): replace with org.velibstream.gbfs.GbfsSystemInformation.
            JsonNode data = data(document);
            ZoneId zone = null;
            String timezone = text(data.path("timezone"));
            if (timezone != null) {
                try {
                    zone = ZoneId.of(timezone);
                } catch (RuntimeException e) {
                    throw new GbfsDecodingException("timezone '" + timezone + "' is not a time zone");
                }
            }
            return new SystemFacts(text(data.path("system_id")), text(data.path("name")), zone);
        }

        static Map<String, String> regionNames(byte[] document) throws GbfsDecodingException {
            // TODO(H1 merge): replace with org.velibstream.gbfs.GbfsSystemRegions.
            JsonNode regions = data(document).path("regions");
            if (!regions.isArray()) {
                throw new GbfsDecodingException("no \"data.regions\" array");
            }
            Map<String, String> names = new HashMap<>();
            for (JsonNode region : regions) {
                String id = text(region.path("region_id"));
                String name = text(region.path("name"));
                if (id != null && name != null) {
                    names.put(id, name);
                }
            }
            return names;
        }

        private static JsonNode data(byte[] document) throws GbfsDecodingException {
            try {
                JsonNode data = new ObjectMapper().readTree(document).path("data");
                if (!data.isObject()) {
                    throw new GbfsDecodingException("no \"data\" object");
                }
                return data;
            } catch (IOException e) {
                throw new GbfsDecodingException("not JSON: " + e.getMessage(), e);
            }
        }

        /** A string, or GBFS 3.0's localized string (the first translation). */
        @Nullable
        private static String text(JsonNode node) {
            if (node.isArray() && !node.isEmpty()) {
                return text(node.get(0).path("text"));
            }
            return node.isTextual() || node.isNumber() ? node.asText() : null;
        }
    }
}
