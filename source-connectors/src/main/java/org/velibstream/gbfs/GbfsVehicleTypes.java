package org.velibstream.gbfs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A decoded {@code vehicle_types} feed (GBFS 2.1 to 3.0), reduced to what {@link StationStatusDecoder} needs: which
 * {@code vehicle_type_id} is a mechanical bike and which an e-bike. Without it, the standard
 * {@code vehicle_types_available} of station_status is a list of opaque ids.
 *
 * <p>A bicycle ({@code form_factor} {@code bicycle}, or since 2.3 {@code cargo_bicycle}) with {@code propulsion_type}
 * {@code human} is mechanical; with {@code electric_assist} or {@code electric}, an e-bike. Other vehicles (2.1's
 * {@code scooter}, 2.3's {@code scooter_standing} and {@code scooter_seated}, cars, mopeds) are not bikes and are left
 * out of the table, so a station holding some has no breakdown by bike type. The fields that changed shape between
 * versions (3.0's localized {@code name}, {@code make}, {@code model}) are not read, so every version decodes alike.
 * The document is small, so it is read as a tree.
 *
 * @param header the document-level fields
 * @param bikeTypes {@code vehicle_type_id} → bike type
 * @param rejected vehicle types without an id, and bicycles whose propulsion is neither human nor electric
 */
public record GbfsVehicleTypes(GbfsFeedHeader header, Map<String, BikeType> bikeTypes, List<Rejection> rejected) {

    private static final ObjectMapper MAPPER = new ObjectMapper(TopLevel.JSON);

    public GbfsVehicleTypes {
        Objects.requireNonNull(header, "header");
        bikeTypes = Map.copyOf(bikeTypes);
        rejected = List.copyOf(rejected);
    }

    /** @throws GbfsDecodingException if the payload is not JSON or has no {@code data.vehicle_types} array */
    public static GbfsVehicleTypes decode(byte[] document) throws GbfsDecodingException {
        GbfsFeedHeader header = TopLevel.scan(document, DecoderLimits.DEFAULT_MAX_DOCUMENT_BYTES)
                .header();
        JsonNode vehicleTypes;
        try {
            vehicleTypes = MAPPER.readTree(document).path("data").path("vehicle_types");
        } catch (IOException e) {
            throw new GbfsDecodingException("unreadable payload: " + e.getMessage(), e);
        }
        if (!vehicleTypes.isArray()) {
            throw new GbfsDecodingException("not a GBFS vehicle_types feed: no \"data.vehicle_types\" array");
        }
        Map<String, BikeType> bikeTypes = new HashMap<>();
        List<Rejection> rejected = new ArrayList<>();
        for (JsonNode vehicleType : vehicleTypes) {
            String id = vehicleType.path("vehicle_type_id").asText("");
            if (id.isEmpty()) {
                rejected.add(new Rejection("missing vehicle_type_id", vehicleType.toString()));
                continue;
            }
            String formFactor = vehicleType.path("form_factor").asText("");
            if (!formFactor.equals("bicycle") && !formFactor.equals("cargo_bicycle")) {
                continue;
            }
            switch (vehicleType.path("propulsion_type").asText("")) {
                case "human" -> bikeTypes.put(id, BikeType.MECHANICAL);
                case "electric_assist", "electric" -> bikeTypes.put(id, BikeType.EBIKE);
                default ->
                    rejected.add(new Rejection("bicycle with an unknown propulsion_type", vehicleType.toString()));
            }
        }
        return new GbfsVehicleTypes(header, bikeTypes, rejected);
    }
}
