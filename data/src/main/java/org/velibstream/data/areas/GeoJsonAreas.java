package org.velibstream.data.areas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Reads the areas of a GeoJSON FeatureCollection (RFC 7946) of Polygon and MultiPolygon features into JTS
 * geometries: longitude as x, latitude as y; a polygon's first ring is its outline, the others are holes.
 *
 * <p>Bad input is refused as a whole, with the source and the index of the feature at fault: a feature without the
 * code property, another geometry type, a ring that is not closed or has fewer than 4 positions, a position that is
 * not two finite numbers. Rings are taken as they are (no orientation or validity repair): the point-in-polygon test
 * of {@link AreaIndex} is exact for them.
 */
public final class GeoJsonAreas {

    /** The name property read by the methods that take none: absent in a feature, its name is null. */
    public static final String DEFAULT_NAME_PROPERTY = "name";

    /** WGS 84, as RFC 7946 requires; floating precision, so coordinates stay exactly as read. */
    static final GeometryFactory GEOMETRY_FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GeoJsonAreas() {}

    /** {@link #read(InputStream, String, String, String)} of a file, with {@link #DEFAULT_NAME_PROPERTY}. */
    public static List<AreaPolygon> read(Path geoJson, String codeProperty) throws IOException {
        return read(geoJson, codeProperty, DEFAULT_NAME_PROPERTY);
    }

    /** {@link #read(InputStream, String, String, String)} of a file, named by its path in errors. */
    public static List<AreaPolygon> read(Path geoJson, String codeProperty, @Nullable String nameProperty)
            throws IOException {
        try (InputStream in = Files.newInputStream(geoJson)) {
            return read(in, codeProperty, nameProperty, geoJson.toString());
        }
    }

    /** {@link #read(InputStream, String, String, String)} with {@link #DEFAULT_NAME_PROPERTY}. */
    public static List<AreaPolygon> read(InputStream geoJson, String codeProperty, String sourceName)
            throws IOException {
        return read(geoJson, codeProperty, DEFAULT_NAME_PROPERTY, sourceName);
    }

    /**
     * @param geoJson the FeatureCollection; not closed here
     * @param codeProperty the feature property holding the area's code; a string, or a number written as text
     *     ({@code 75056}, not {@code 75056.0})
     * @param nameProperty the feature property holding the area's name (optional in each feature), or null for none
     * @param sourceName the file's name, for error messages
     * @return the areas in the order of the features
     * @throws IOException if the input cannot be read or is not a FeatureCollection of such features
     */
    public static List<AreaPolygon> read(
            InputStream geoJson, String codeProperty, @Nullable String nameProperty, String sourceName)
            throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(geoJson);
        } catch (JsonProcessingException e) {
            throw new IOException(sourceName + ": not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null
                || !"FeatureCollection".equals(root.path("type").asText())
                || !root.path("features").isArray()) {
            throw new IOException(sourceName + ": not a GeoJSON FeatureCollection");
        }
        List<AreaPolygon> areas = new ArrayList<>();
        int index = 0;
        for (JsonNode feature : root.get("features")) {
            String where = sourceName + ": feature " + index++;
            JsonNode properties = feature.path("properties");
            String code = text(properties.path(codeProperty));
            if (code == null || code.isBlank()) {
                throw new IOException(where + ": no property " + codeProperty);
            }
            String name = nameProperty == null ? null : text(properties.path(nameProperty));
            areas.add(new AreaPolygon(code, name, geometry(feature.path("geometry"), where)));
        }
        return List.copyOf(areas);
    }

    /** A string as it is, a number as text (integral numbers without a fraction); anything else is no value. */
    private static @Nullable String text(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        if (value.isNumber()) {
            return value.decimalValue().stripTrailingZeros().toPlainString();
        }
        return null;
    }

    private static Geometry geometry(JsonNode geometry, String where) throws IOException {
        JsonNode coordinates = geometry.path("coordinates");
        String type = geometry.path("type").asText("");
        switch (type) {
            case "Polygon" -> {
                return polygon(coordinates, where);
            }
            case "MultiPolygon" -> {
                if (!coordinates.isArray() || coordinates.isEmpty()) {
                    throw new IOException(where + ": a MultiPolygon without polygons");
                }
                List<Polygon> polygons = new ArrayList<>();
                for (JsonNode polygon : coordinates) {
                    polygons.add(polygon(polygon, where + " polygon " + polygons.size()));
                }
                return GEOMETRY_FACTORY.createMultiPolygon(polygons.toArray(Polygon[]::new));
            }
            default ->
                throw new IOException(where + ": geometry "
                        + (type.isEmpty() ? "missing" : type)
                        + ", only Polygon and MultiPolygon are areas");
        }
    }

    private static Polygon polygon(JsonNode rings, String where) throws IOException {
        if (!rings.isArray() || rings.isEmpty()) {
            throw new IOException(where + ": a polygon without rings");
        }
        List<LinearRing> parsed = new ArrayList<>();
        for (JsonNode ring : rings) {
            parsed.add(ring(ring, where + " ring " + parsed.size()));
        }
        return GEOMETRY_FACTORY.createPolygon(
                parsed.get(0), parsed.subList(1, parsed.size()).toArray(LinearRing[]::new));
    }

    private static LinearRing ring(JsonNode ring, String where) throws IOException {
        if (!ring.isArray() || ring.size() < 4) {
            throw new IOException(where + ": a ring needs at least 4 positions, the last equal to the first");
        }
        Coordinate[] positions = new Coordinate[ring.size()];
        for (int i = 0; i < ring.size(); i++) {
            JsonNode position = ring.get(i);
            if (!position.path(0).isNumber() || !position.path(1).isNumber()) {
                throw new IOException(where + ": position " + i + " " + position + " is not [lon, lat]");
            }
            positions[i] = new Coordinate(
                    position.get(0).doubleValue(), position.get(1).doubleValue());
            if (!Double.isFinite(positions[i].x) || !Double.isFinite(positions[i].y)) {
                throw new IOException(where + ": position " + i + " " + position + " is not finite");
            }
        }
        if (!positions[0].equals2D(positions[positions.length - 1])) {
            throw new IOException(where + ": the ring is not closed (its last position differs from its first)");
        }
        return GEOMETRY_FACTORY.createLinearRing(positions);
    }
}
