package org.velibstream.gbfs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The breakdown of available bikes by type that one form of the feed gives ({@code vehicle_types_available} or
 * Vélib's {@code num_bikes_available_types}), as far as it allows to tell; {@link BikeSplit} chooses among forms.
 */
final class BikeTypeCounts {
    private final DecoderLimits limits;

    @Nullable
    private Integer mechanical;

    @Nullable
    private Integer ebikes;
    /** A count under a type this decoder cannot place makes the whole breakdown unknown. */
    private boolean unknownTypeSeen;

    private final List<Integer> all = new ArrayList<>();

    BikeTypeCounts(DecoderLimits limits) {
        this.limits = limits;
    }

    /** Vélib': {@code [{"mechanical": 1}, {"ebike": 4}]}, in any order, or {@code {"mechanical": 1, "ebike": 4}}. */
    void readVelibTypes(JsonParser parser, String field) throws IOException, InvalidValueException {
        if (parser.currentToken() == JsonToken.START_OBJECT) {
            readVelibTypeObject(parser, field);
            return;
        }
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw JsonValues.wrongType(parser, field, "an array of objects");
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw JsonValues.wrongType(parser, field + "[]", "an object");
            }
            readVelibTypeObject(parser, field);
        }
    }

    private void readVelibTypeObject(JsonParser parser, String field) throws IOException, InvalidValueException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String type = parser.currentName();
            parser.nextToken();
            int count = JsonValues.readCount(parser, field + "." + type, limits.maxCount());
            switch (type) {
                case "mechanical" -> add(BikeType.MECHANICAL, count);
                case "ebike" -> add(BikeType.EBIKE, count);
                default -> addUnplaced(count);
            }
        }
    }

    /** Standard GBFS: {@code [{"vehicle_type_id": "x", "count": 3}]}. */
    void readVehicleTypes(JsonParser parser, String field, Map<String, BikeType> vehicleTypes)
            throws IOException, InvalidValueException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw JsonValues.wrongType(parser, field, "an array of objects");
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw JsonValues.wrongType(parser, field + "[]", "an object");
            }
            String typeId = null;
            Integer count = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "vehicle_type_id" ->
                        typeId = JsonValues.readId(parser, field + "[].vehicle_type_id", limits.maxIdChars());
                    case "count" -> count = JsonValues.readCount(parser, field + "[].count", limits.maxCount());
                    default -> parser.skipChildren();
                }
            }
            if (typeId == null || count == null) {
                throw new InvalidValueException(field + "[] needs vehicle_type_id and count");
            }
            BikeType type = vehicleTypes.get(typeId);
            if (type != null) {
                add(type, count);
            } else {
                addUnplaced(count);
            }
        }
    }

    private void add(BikeType type, int count) {
        all.add(count);
        if (type == BikeType.MECHANICAL) {
            mechanical = (mechanical == null ? 0 : mechanical) + count;
        } else {
            ebikes = (ebikes == null ? 0 : ebikes) + count;
        }
    }

    private void addUnplaced(int count) {
        all.add(count);
        unknownTypeSeen = true;
    }

    /** Whether the feed said how the bikes split, with types this decoder can place. */
    boolean isKnown() {
        return !all.isEmpty() && !unknownTypeSeen;
    }

    boolean anyNegative() {
        return all.stream().anyMatch(count -> count < 0);
    }

    @Nullable
    Integer count(BikeType type) {
        if (!isKnown()) {
            return null;
        }
        Integer count = type == BikeType.MECHANICAL ? mechanical : ebikes;
        return count != null ? count : 0;
    }
}
