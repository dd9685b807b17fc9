package org.velibstream.tools.stationtable;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.velibstream.data.stations.Coordinates;
import org.velibstream.data.stations.StationRow;
import org.velibstream.data.stations.StationTableCsv;
import org.velibstream.gbfs.Rejection;
import org.velibstream.gbfs.StationInformation;
import org.velibstream.gbfs.StationInformationDecoder;
import org.velibstream.gbfs.StationListener;

/**
 * Builds {@code data/stations.csv}: each station of a {@code station_information} feed placed, by point in polygon,
 * in its Paris arrondissement or Île-de-France commune, with that area's postal code from La Poste's table.
 *
 * <pre>
 * StationTableGenerator --station-information station_information.json --arrondissements arrondissements.geojson
 *     --communes communes.geojson --postal-codes laposte_hexasmal.csv --output data/stations.csv
 * </pre>
 *
 * <p>Arrondissements are tried first, so that a Paris station gets its arrondissement's INSEE code (751xx), never
 * Paris's 75056. A station outside every area gets the postal code {@code UNKNOWN}; the count and the codes are
 * printed on stderr, as are the feed entries that could not be decoded. Rows are sorted by station code, so that the
 * same inputs give the same file byte for byte. Exit status: 0 on success, 1 when an input cannot be read, 2 on a
 * usage error.
 */
public final class StationTableGenerator {

    static final String PARIS = "Paris";

    private static final String USAGE = "usage: StationTableGenerator --station-information FILE"
            + " --arrondissements GEOJSON --communes GEOJSON --postal-codes LAPOSTE_CSV --output CSV";

    private final List<Area> arrondissements;
    private final List<Area> communes;
    private final PostalCodes postalCodes;

    public StationTableGenerator(List<Area> arrondissements, List<Area> communes, PostalCodes postalCodes) {
        this.arrondissements = List.copyOf(arrondissements);
        this.communes = List.copyOf(communes);
        this.postalCodes = postalCodes;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    static int run(String[] args, PrintStream err) {
        Map<String, Path> options;
        try {
            options = parseOptions(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            StationTableGenerator generator = new StationTableGenerator(
                    GeoJsonAreas.read(options.get("--arrondissements"), "c_arinsee", "l_ar"),
                    GeoJsonAreas.read(options.get("--communes"), "insee", "nomcom"),
                    PostalCodes.readLaPoste(options.get("--postal-codes")));
            List<StationInformation> stations = readStations(options.get("--station-information"), err);
            Table table = generator.generate(stations);
            Path output = options.get("--output");
            if (output.toAbsolutePath().getParent() != null) {
                Files.createDirectories(output.toAbsolutePath().getParent());
            }
            try (Writer writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                StationTableCsv.write(table.rows(), writer);
            }
            if (!table.outsideEveryArea().isEmpty()) {
                err.println(table.outsideEveryArea().size() + " stations outside every area, postal code "
                        + StationRow.UNKNOWN_POSTAL_CODE + ": " + table.outsideEveryArea());
            }
            if (!table.withoutPostalCode().isEmpty()) {
                err.println(table.withoutPostalCode().size() + " stations in a commune La Poste has no postal code"
                        + " for, postal code " + StationRow.UNKNOWN_POSTAL_CODE + ": " + table.withoutPostalCode());
            }
            err.println("wrote " + table.rows().size() + " stations to " + output);
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("station table not generated: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Places every station; none is left out.
     *
     * @throws IllegalArgumentException if two stations share a station code
     */
    public Table generate(List<StationInformation> stations) {
        List<StationRow> rows = new ArrayList<>();
        List<String> outside = new ArrayList<>();
        List<String> withoutPostalCode = new ArrayList<>();
        Map<String, String> seenCodes = new HashMap<>();
        for (StationInformation station : stations) {
            String previous = seenCodes.putIfAbsent(station.stationKey(), station.stationId());
            if (previous != null) {
                throw new IllegalArgumentException("station code " + station.stationKey() + " is used by station ids "
                        + previous + " and " + station.stationId());
            }
            Coordinates coordinates = new Coordinates(station.lat(), station.lon());
            Optional<Area> area = locate(coordinates);
            String postalCode = area.flatMap(found -> postalCodes.postalCodeOf(found.inseeCode()))
                    .orElse(StationRow.UNKNOWN_POSTAL_CODE);
            if (area.isEmpty()) {
                outside.add(station.stationKey());
            } else if (postalCode.equals(StationRow.UNKNOWN_POSTAL_CODE)) {
                withoutPostalCode.add(
                        station.stationKey() + " (INSEE " + area.get().inseeCode() + ")");
            }
            rows.add(new StationRow(
                    station.stationKey(),
                    station.stationId(),
                    station.name(),
                    coordinates,
                    station.capacity(),
                    postalCode,
                    area.map(Area::inseeCode).orElse(null),
                    area.map(StationTableGenerator::communeName).orElse(null)));
        }
        rows.sort(Comparator.comparing(StationRow::stationCode));
        return new Table(
                rows,
                outside.stream().sorted().toList(),
                withoutPostalCode.stream().sorted().toList());
    }

    private Optional<Area> locate(Coordinates coordinates) {
        return arrondissements.stream()
                .filter(area -> area.contains(coordinates))
                .findFirst()
                .or(() -> communes.stream()
                        .filter(area -> area.contains(coordinates))
                        .findFirst());
    }

    /** Paris arrondissements (751xx) are parts of the commune of Paris, whatever a GeoJSON file names them. */
    private static String communeName(Area area) {
        return area.inseeCode().startsWith("751") ? PARIS : area.name();
    }

    private static List<StationInformation> readStations(Path feed, PrintStream err) throws IOException {
        List<StationInformation> stations = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        new StationInformationDecoder()
                .decodeDocument(Files.readAllBytes(feed), StationListener.collectingInto(stations, rejected));
        for (Rejection rejection : rejected) {
            err.println("station entry left out of the table: " + rejection.reason() + ": " + rejection.rawEntry());
        }
        return stations;
    }

    private static Map<String, Path> parseOptions(String[] args) {
        List<String> names =
                List.of("--station-information", "--arrondissements", "--communes", "--postal-codes", "--output");
        Map<String, Path> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!names.contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + args[i]);
            }
            options.put(args[i], Path.of(args[i + 1]));
        }
        for (String name : names) {
            if (!options.containsKey(name)) {
                throw new IllegalArgumentException("missing option " + name);
            }
        }
        return options;
    }

    /**
     * The generated table and what it could not place.
     *
     * @param rows every station, sorted by station code
     * @param outsideEveryArea codes of the stations outside every polygon
     * @param withoutPostalCode stations in an area whose INSEE code La Poste's table lacks
     */
    public record Table(List<StationRow> rows, List<String> outsideEveryArea, List<String> withoutPostalCode) {

        public Table {
            rows = List.copyOf(rows);
            outsideEveryArea = List.copyOf(outsideEveryArea);
            withoutPostalCode = List.copyOf(withoutPostalCode);
        }
    }
}
