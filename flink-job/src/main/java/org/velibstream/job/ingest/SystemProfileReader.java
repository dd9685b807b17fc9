package org.velibstream.job.ingest;

import java.util.Map;
import java.util.Objects;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.velibstream.gbfs.BikeType;
import org.velibstream.gbfs.GbfsDecodingException;
import org.velibstream.gbfs.GbfsSystemInformation;
import org.velibstream.gbfs.GbfsSystemRegions;
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
        GbfsSystemInformation facts = systemInformation(documents.get(GbfsFeed.SYSTEM_INFORMATION), origin);
        String ownId = facts == null ? null : GbfsSystem.sanitizedId(facts.systemId());
        return new GbfsSystemProfile(
                !idGiven && ownId != null ? ownId : givenId,
                facts == null ? null : facts.name(),
                facts == null ? null : facts.timezone(),
                vehicleTypes(documents.get(GbfsFeed.VEHICLE_TYPES), origin),
                regionNames(documents.get(GbfsFeed.SYSTEM_REGIONS), origin));
    }

    @Nullable
    private static GbfsSystemInformation systemInformation(@Nullable byte[] document, String origin) {
        if (document != null) {
            try {
                return GbfsSystemInformation.decode(document);
            } catch (GbfsDecodingException e) {
                warn(GbfsFeed.SYSTEM_INFORMATION, origin, e.getMessage());
            }
        }
        return null;
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
            GbfsSystemRegions regions = GbfsSystemRegions.decode(document);
            if (!regions.rejected().isEmpty()) {
                LOG.warn(
                        "{} region(s) of {} left out of the region names: {}",
                        regions.rejected().size(),
                        origin,
                        regions.rejected());
            }
            return regions.regionNames();
        } catch (GbfsDecodingException e) {
            warn(GbfsFeed.SYSTEM_REGIONS, origin, e.getMessage());
            return Map.of();
        }
    }

    /** Logs an optional feed that cannot be used; the job goes on without its part of the profile. */
    public static void warn(GbfsFeed feed, String origin, String reason) {
        LOG.warn("The {} feed of {} is left out: {}", feed, origin, reason);
    }
}
