package org.velibstream.tools.stationtable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the areas of a GeoJSON FeatureCollection of Polygon and MultiPolygon features. */
public final class GeoJsonAreas {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GeoJsonAreas() {}

    /**
     * @param codeProperty the feature property holding the INSEE code ({@code insee}, {@code c_arinsee}); a number
     *     is padded to 5 digits
     * @param nameProperty the feature property holding the area's name
     * @throws IOException if the file is not a FeatureCollection of such features
     */
    public static List<Area> read(Path geoJson, String codeProperty, String nameProperty) throws IOException {
        JsonNode root = MAPPER.readTree(geoJson.toFile());
        if (root == null || !root.path("features").isArray()) {
            throw new IOException(geoJson + ": not a GeoJSON FeatureCollection");
        }
        List<Area> areas = new ArrayList<>();
        int index = 0;
        for (JsonNode feature : root.get("features")) {
            String where = geoJson + " feature " + index++;
            JsonNode properties = feature.path("properties");
            JsonNode code = properties.path(codeProperty);
            if (!code.isValueNode() || code.asText().isBlank()) {
                throw new IOException(where + ": no property " + codeProperty);
            }
            String inseeCode = code.isIntegralNumber() ? String.format("%05d", code.asLong()) : code.asText();
            String name = properties
                    .path(nameProperty)
                    .asText(inseeCode)
                    .replaceAll("\\s+", " ")
                    .strip();
            areas.add(new Area(inseeCode, name, polygons(feature.path("geometry"), where)));
        }
        return areas;
    }

    private static List<Area.Polygon> polygons(JsonNode geometry, String where) throws IOException {
        JsonNode coordinates = geometry.path("coordinates");
        switch (geometry.path("type").asText()) {
            case "Polygon" -> {
                return List.of(polygon(coordinates, where));
            }
            case "MultiPolygon" -> {
                List<Area.Polygon> polygons = new ArrayList<>();
                for (JsonNode polygon : coordinates) {
                    polygons.add(polygon(polygon, where));
                }
                return polygons;
            }
            default -> throw new IOException(where + ": unsupported geometry " + geometry.path("type"));
        }
    }

    private static Area.Polygon polygon(JsonNode rings, String where) throws IOException {
        List<Area.Ring> parsed = new ArrayList<>();
        for (JsonNode ring : rings) {
            double[] lons = new double[ring.size()];
            double[] lats = new double[ring.size()];
            for (int i = 0; i < ring.size(); i++) {
                JsonNode position = ring.get(i);
                if (!position.path(0).isNumber() || !position.path(1).isNumber()) {
                    throw new IOException(where + ": position " + position + " is not [lon, lat]");
                }
                lons[i] = position.get(0).asDouble();
                lats[i] = position.get(1).asDouble();
            }
            try {
                parsed.add(new Area.Ring(lons, lats));
            } catch (IllegalArgumentException e) {
                throw new IOException(where + ": " + e.getMessage(), e);
            }
        }
        if (parsed.isEmpty()) {
            throw new IOException(where + ": polygon without rings");
        }
        return new Area.Polygon(parsed);
    }
}
