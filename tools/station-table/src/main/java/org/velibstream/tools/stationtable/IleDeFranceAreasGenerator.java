package org.velibstream.tools.stationtable;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.data.areas.AreaPolygon;
import org.velibstream.data.areas.BuiltInAreas;
import org.velibstream.data.areas.GeoJsonAreas;

/**
 * Builds the built-in Île-de-France areas of {@code velib-stream-data} ({@value BuiltInAreas#ILE_DE_FRANCE_RESOURCE}):
 * one feature per Paris arrondissement, then one per other Île-de-France commune, each with its La Poste postal code.
 *
 * <pre>
 * IleDeFranceAreasGenerator --arrondissements arrondissements.geojson --communes communes.geojson
 *     --postal-codes laposte_hexasmal.csv --output data/src/main/resources/areas/ile-de-france-postal-codes.geojson
 * </pre>
 *
 * <p>The arrondissements file's features come first, then the communes file's, each list sorted by INSEE code; Paris
 * as a whole (75056), which the arrondissements cover, is left out. The communes file has its own outlines of the
 * arrondissements (751xx, so sorted first among the communes), which differ from the arrondissements file's at the
 * edge of Paris: kept, they place the points that only they cover (5 Vélib' stations of 2024, in the woods of
 * Vincennes and on the ring road) in their arrondissement rather than in no area. An arrondissement thus has two
 * features, the first of which wins where both cover a point.
 * Properties: {@code postal_code} (by {@link PostalCodes}' rule; {@code UNKNOWN} for a commune La Poste lacks, printed
 * on stderr), {@code insee_code}, {@code commune} ({@code Paris} for an arrondissement, the commune's name with runs
 * of spaces collapsed otherwise). Geometries are copied as they are: every coordinate keeps the source's digits, so
 * that placing a point on the built-in areas gives what it gives on the sources. One feature per line, the same
 * bytes for the same inputs. Exit status: 0 on success, 1 when an input cannot be read, 2 on a usage error.
 */
public final class IleDeFranceAreasGenerator {

    static final String PARIS = "Paris";
    private static final String PARIS_INSEE = "75056";
    private static final String ARRONDISSEMENT_PREFIX = "751";

    private static final String USAGE = "usage: IleDeFranceAreasGenerator --arrondissements GEOJSON"
            + " --communes GEOJSON --postal-codes LAPOSTE_CSV --output GEOJSON";

    /** Numbers as exact decimals, written back with the digits they were read with. */
    private static final ObjectMapper EXACT = new ObjectMapper()
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private IleDeFranceAreasGenerator() {}

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    static int run(String[] args, PrintStream err) {
        Map<String, Path> options;
        try {
            options = Options.parse(args, List.of("--arrondissements", "--communes", "--postal-codes", "--output"));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            byte[] geoJson = generate(
                    options.get("--arrondissements"),
                    options.get("--communes"),
                    PostalCodes.readLaPoste(options.get("--postal-codes")),
                    err);
            Path output = options.get("--output");
            if (output.toAbsolutePath().getParent() != null) {
                Files.createDirectories(output.toAbsolutePath().getParent());
            }
            Files.write(output, geoJson);
            err.println("wrote " + output);
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("areas not generated: " + e.getMessage());
            return 1;
        }
    }

    /**
     * The GeoJSON of the areas, UTF-8.
     *
     * @param err where the communes without a postal code are reported
     * @throws IOException if a file cannot be read or is not a FeatureCollection of polygons with the code property
     */
    public static byte[] generate(Path arrondissements, Path communes, PostalCodes postalCodes, PrintStream err)
            throws IOException {
        List<Feature> features = new ArrayList<>();
        features.addAll(sorted(read(arrondissements, "c_arinsee", "l_ar")));
        features.addAll(sorted(read(communes, "insee", "nomcom")));
        List<String> withoutPostalCode = new ArrayList<>();
        StringBuilder out = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[\n");
        for (int i = 0; i < features.size(); i++) {
            Feature feature = features.get(i);
            String postalCode = postalCodes.postalCodeOf(feature.inseeCode()).orElse(AreaKind.UNKNOWN_CODE);
            if (postalCode.equals(AreaKind.UNKNOWN_CODE)) {
                withoutPostalCode.add(feature.inseeCode());
            }
            ObjectNode node = EXACT.createObjectNode().put("type", "Feature");
            node.putObject("properties")
                    .put(BuiltInAreas.POSTAL_CODE_PROPERTY, postalCode)
                    .put(BuiltInAreas.INSEE_CODE_PROPERTY, feature.inseeCode())
                    .put(BuiltInAreas.COMMUNE_PROPERTY, feature.commune());
            node.set("geometry", feature.geometry());
            out.append(EXACT.writeValueAsString(node)).append(i + 1 < features.size() ? ",\n" : "\n");
        }
        out.append("]}\n");
        if (!withoutPostalCode.isEmpty()) {
            err.println(withoutPostalCode.size() + " areas La Poste has no postal code for, postal code "
                    + AreaKind.UNKNOWN_CODE + ": INSEE " + withoutPostalCode);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads the generated GeoJSON back as {@link BuiltInAreas} does, with the INSEE code as each area's code and the
     * commune as its name, and the postal code of each INSEE code.
     */
    static Areas readBack(byte[] geoJson, String sourceName) throws IOException {
        List<AreaPolygon> byInsee = GeoJsonAreas.read(
                new ByteArrayInputStream(geoJson),
                BuiltInAreas.INSEE_CODE_PROPERTY,
                BuiltInAreas.COMMUNE_PROPERTY,
                sourceName);
        List<AreaPolygon> byPostalCode = GeoJsonAreas.read(
                new ByteArrayInputStream(geoJson), BuiltInAreas.POSTAL_CODE_PROPERTY, null, sourceName);
        Map<String, String> postalCodeByInsee = new LinkedHashMap<>();
        for (int i = 0; i < byInsee.size(); i++) {
            postalCodeByInsee.put(byInsee.get(i).code(), byPostalCode.get(i).code());
        }
        return new Areas(byInsee, postalCodeByInsee);
    }

    /**
     * Areas for {@link StationTableGenerator}.
     *
     * @param byInsee the areas in order of precedence, the INSEE code as code and the commune as name
     * @param postalCodeByInsee each area's postal code ({@code UNKNOWN} when La Poste has none)
     */
    record Areas(List<AreaPolygon> byInsee, Map<String, String> postalCodeByInsee) {}

    /** The features of a source; GeoJsonAreas reads it first, so that bad input fails with its clear message. */
    private static List<Feature> read(Path geoJson, String inseeProperty, String nameProperty) throws IOException {
        List<AreaPolygon> checked = GeoJsonAreas.read(geoJson, inseeProperty, nameProperty);
        JsonNode root = EXACT.readTree(geoJson.toFile());
        List<Feature> features = new ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            String inseeCode = padded(checked.get(i).code());
            boolean arrondissement = inseeCode.startsWith(ARRONDISSEMENT_PREFIX);
            if (inseeCode.equals(PARIS_INSEE)) {
                continue; // the arrondissements cover it
            }
            String name = checked.get(i).name();
            String commune = arrondissement
                    ? PARIS
                    : (name == null ? inseeCode : name.replaceAll("\\s+", " ").strip());
            JsonNode source = root.get("features").get(i).get("geometry");
            ObjectNode geometry =
                    EXACT.createObjectNode().put("type", source.get("type").asText());
            geometry.set("coordinates", source.get("coordinates"));
            features.add(new Feature(inseeCode, commune, geometry));
        }
        return features;
    }

    /** INSEE codes have 5 characters; a GeoJSON number loses the leading zero of departments 01 to 09. */
    private static String padded(String inseeCode) {
        return inseeCode.matches("\\d{1,4}") ? "0".repeat(5 - inseeCode.length()) + inseeCode : inseeCode;
    }

    private static List<Feature> sorted(List<Feature> features) {
        List<Feature> sorted = new ArrayList<>(features);
        sorted.sort(Comparator.comparing(Feature::inseeCode));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).inseeCode().equals(sorted.get(i - 1).inseeCode())) {
                throw new IllegalArgumentException("INSEE code " + sorted.get(i).inseeCode() + " has two features");
            }
        }
        return sorted;
    }

    private record Feature(String inseeCode, String commune, JsonNode geometry) {}
}
