package org.velibstream.gbfs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A decoded {@code system_regions} feed: the name of each region a station's {@code region_id} points to, so that a
 * system without postal codes (Lyft's, for one) can still be counted by an area a person recognises ("San Francisco",
 * "Oakland") rather than by an opaque id.
 *
 * <p>GBFS 1.x/2.x names are strings, GBFS 3.0 names localized arrays (the first text is kept). An entry the table
 * cannot hold (no {@code region_id}, no name, an id longer than {@link DecoderLimits#maxIdChars()}, an id already
 * seen) is listed in {@link #rejected()}, never dropped silently. The document is small, so it is read as a tree.
 *
 * @param header the document-level fields
 * @param regionNames {@code region_id} → name, in document order
 * @param rejected the entries left out of the table, with the reason
 */
public record GbfsSystemRegions(GbfsFeedHeader header, Map<String, String> regionNames, List<Rejection> rejected) {

    public GbfsSystemRegions {
        Objects.requireNonNull(header, "header");
        regionNames = Collections.unmodifiableMap(new LinkedHashMap<>(regionNames));
        rejected = List.copyOf(rejected);
    }

    /** The name of region {@code regionId}; empty when the feed does not name it. */
    public Optional<String> name(String regionId) {
        return Optional.ofNullable(regionNames.get(regionId));
    }

    /** Decodes a {@code system_regions} document within the default {@link DecoderLimits}. */
    public static GbfsSystemRegions decode(byte[] document) throws GbfsDecodingException {
        return decode(document, DecoderLimits.defaults());
    }

    /**
     * Decodes a {@code system_regions} document.
     *
     * @param limits the bounds the payload, the ids and the names are held to
     * @throws GbfsDecodingException if the payload is not JSON or has no {@code data.regions} array
     */
    public static GbfsSystemRegions decode(byte[] document, DecoderLimits limits) throws GbfsDecodingException {
        SmallDocument small = SmallDocument.read(document, "system_regions");
        JsonNode regions = small.data().path("regions");
        if (!regions.isArray()) {
            throw new GbfsDecodingException("not a GBFS system_regions feed: no \"data.regions\" array");
        }
        Map<String, String> names = new LinkedHashMap<>();
        List<Rejection> rejected = new ArrayList<>();
        for (JsonNode region : regions) {
            String id = SmallDocument.id(region.path("region_id"));
            String name = SmallDocument.localizedText(region.path("name"));
            String reason;
            if (id == null) {
                reason = "missing region_id";
            } else if (id.length() > limits.maxIdChars()) {
                reason = "region_id is " + id.length() + " characters long, above the limit of " + limits.maxIdChars();
            } else if (name == null) {
                reason = "region " + id + " has no name";
            } else if (name.length() > limits.maxNameChars()) {
                reason = "name of region " + id + " is " + name.length() + " characters long, above the limit of "
                        + limits.maxNameChars();
            } else if (names.containsKey(id)) {
                reason = "region_id " + id + " appears twice; the first one is kept";
            } else {
                names.put(id, name);
                continue;
            }
            rejected.add(new Rejection(reason, region.toString()));
        }
        return new GbfsSystemRegions(small.header(), names, rejected);
    }
}
