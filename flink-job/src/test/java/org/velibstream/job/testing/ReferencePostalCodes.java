package org.velibstream.job.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An independent placement of stations in Île-de-France postal codes, for tests that check the job against it: the
 * rule of data/README.md (the Paris arrondissement, else the commune, whose point-in-polygon test here is a plain ray
 * casting over the source GeoJSON; then La Poste's postal code, rows without {@code Ligne_5} first, then the lowest),
 * written without the job's code or JTS, so that a bug in either does not hide itself.
 */
public final class ReferencePostalCodes {

    private final List<Outline> arrondissements;
    private final List<Outline> communes;
    private final Map<String, String> postalCodeByInsee;

    private ReferencePostalCodes(
            List<Outline> arrondissements, List<Outline> communes, Map<String, String> postalCodeByInsee) {
        this.arrondissements = arrondissements;
        this.communes = communes;
        this.postalCodeByInsee = postalCodeByInsee;
    }

    /** From {@code ../shared/data/mappings}: etp4eva's arrondissements and communes, La Poste's IDF table. */
    public static ReferencePostalCodes read(Path mappings) throws IOException {
        Path etp4eva = mappings.resolve("etp4eva");
        return new ReferencePostalCodes(
                outlines(etp4eva.resolve("arrondissements.geojson"), "c_arinsee"),
                outlines(etp4eva.resolve("communes-dile-de-france-au-01-janvier.geojson"), "insee"),
                laPoste(mappings.resolve("laposte_hexasmal_idf.csv")));
    }

    /** The postal code of the point, empty outside every arrondissement and commune. */
    public Optional<String> postalCodeAt(double lat, double lon) {
        return inseeAt(lat, lon).map(postalCodeByInsee::get);
    }

    private Optional<String> inseeAt(double lat, double lon) {
        for (Outline arrondissement : arrondissements) {
            if (arrondissement.contains(lat, lon)) {
                return Optional.of(arrondissement.insee());
            }
        }
        for (Outline commune : communes) {
            if (!commune.insee().equals("75056") && commune.contains(lat, lon)) {
                return Optional.of(commune.insee());
            }
        }
        return Optional.empty();
    }

    private static List<Outline> outlines(Path geojson, String inseeProperty) throws IOException {
        List<Outline> outlines = new ArrayList<>();
        for (JsonNode feature : new ObjectMapper().readTree(geojson.toFile()).get("features")) {
            String insee = feature.get("properties").get(inseeProperty).asText();
            JsonNode geometry = feature.get("geometry");
            List<JsonNode> polygons = new ArrayList<>();
            if (geometry.get("type").asText().equals("Polygon")) {
                polygons.add(geometry.get("coordinates"));
            } else {
                geometry.get("coordinates").forEach(polygons::add);
            }
            outlines.add(new Outline(insee, polygons));
        }
        return outlines;
    }

    private static Map<String, String> laPoste(Path csv) throws IOException {
        Map<String, List<String[]>> rows = new HashMap<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(";", -1);
            if (fields.length >= 4) {
                rows.computeIfAbsent(fields[0].strip(), insee -> new ArrayList<>())
                        .add(fields);
            }
        }
        Map<String, String> chosen = new HashMap<>();
        rows.forEach((insee, candidates) -> chosen.put(
                insee,
                candidates.stream()
                        .min(Comparator.comparing((String[] row) -> !row[3].isBlank())
                                .thenComparing(row -> row[2].strip()))
                        .orElseThrow()[2]
                        .strip()));
        return chosen;
    }

    /** GeoJSON polygons (outer ring, then holes), as parsed. */
    private record Outline(String insee, List<JsonNode> polygons) {

        boolean contains(double lat, double lon) {
            for (JsonNode polygon : polygons) {
                boolean inOuter = crossings(polygon.get(0), lat, lon);
                boolean inHole = false;
                for (int hole = 1; hole < polygon.size(); hole++) {
                    inHole |= crossings(polygon.get(hole), lat, lon);
                }
                if (inOuter && !inHole) {
                    return true;
                }
            }
            return false;
        }

        /** Ray casting towards increasing longitude: an odd number of crossings is inside. */
        private static boolean crossings(JsonNode ring, double lat, double lon) {
            boolean inside = false;
            for (int i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
                double latI = ring.get(i).get(1).asDouble(),
                        lonI = ring.get(i).get(0).asDouble();
                double latJ = ring.get(j).get(1).asDouble(),
                        lonJ = ring.get(j).get(0).asDouble();
                if ((latI > lat) != (latJ > lat) && lon < lonJ + (lat - latJ) * (lonI - lonJ) / (latI - latJ)) {
                    inside = !inside;
                }
            }
            return inside;
        }
    }
}
