package org.velibstream.tools.stationtable;

import java.io.BufferedReader;
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
 * INSEE code → postal code, from La Poste's "base officielle des codes postaux" ({@code laposte_hexasmal.csv}:
 * {@code Code_commune_INSEE;Nom_commune;Code_postal;Ligne_5;Libellé_d_acheminement;coordonnees_gps}).
 *
 * <p>Some INSEE codes have several postal codes (Paris 16e, 75116: 75016 and 75116; Saint-Denis, 93066: 93200 and
 * 93210). La Poste gives every row of an INSEE code the same {@code coordonnees_gps} (the commune's centroid), so
 * the nearest centroid cannot choose between them. The rule is: the rows whose {@code Ligne_5} is empty (mail
 * addressed to the commune itself, not to a named locality such as "LA PLAINE ST DENIS") first, then the lowest
 * postal code. Hence 75116 → 75016 and 93066 → 93200.
 */
public final class PostalCodes {

    private static final Comparator<Row> PREFERENCE =
            Comparator.comparing((Row row) -> !row.locality().isEmpty()).thenComparing(Row::postalCode);

    private final Map<String, String> postalCodeByInsee;

    private PostalCodes(Map<String, String> postalCodeByInsee) {
        this.postalCodeByInsee = Map.copyOf(postalCodeByInsee);
    }

    public static PostalCodes readLaPoste(Path csv) throws IOException {
        Map<String, List<Row>> rowsByInsee = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null || !header.replace("\uFEFF", "").startsWith("Code_commune_INSEE;")) {
                throw new IOException(csv + ": not La Poste's table, header is " + header);
            }
            String line;
            int lineNumber = 1;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(";", -1);
                if (fields.length < 4 || fields[0].isBlank() || fields[2].isBlank()) {
                    throw new IOException(csv + ":" + lineNumber + ": expected INSEE;name;postal code;line 5;…");
                }
                rowsByInsee
                        .computeIfAbsent(fields[0].strip(), insee -> new ArrayList<>())
                        .add(new Row(fields[2].strip(), fields[3].strip()));
            }
        }
        Map<String, String> chosen = new HashMap<>();
        rowsByInsee.forEach((insee, rows) ->
                chosen.put(insee, rows.stream().min(PREFERENCE).orElseThrow().postalCode()));
        return new PostalCodes(chosen);
    }

    public Optional<String> postalCodeOf(String inseeCode) {
        return Optional.ofNullable(postalCodeByInsee.get(inseeCode));
    }

    public int size() {
        return postalCodeByInsee.size();
    }

    private record Row(String postalCode, String locality) {}
}
