package org.velibstream.tools.stationtable;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.velibstream.data.areas.AreaIndex;
import org.velibstream.data.areas.AreaPolygon;
import org.velibstream.data.stations.Coordinates;
import org.velibstream.data.stations.StationRow;
import org.velibstream.data.stations.StationTableCsv;
import org.velibstream.gbfs.Rejection;
import org.velibstream.gbfs.StationInformation;
import org.velibstream.gbfs.StationInformationDecoder;
import org.velibstream.gbfs.StationListener;

/**
 * Builds {@code data/stations.csv}: each station of a {@code station_information} feed placed in its Paris
 * arrondissement or Île-de-France commune, with that area's postal code from La Poste's table. The areas are those of
 * {@link IleDeFranceAreasGenerator}, made from the same inputs, and a station is placed by
 * {@link AreaIndex#locate}: the same areas and the same rule as the built-in areas the job places stations with.
 *
 * <pre>
 * StationTableGenerator --station-information station_information.json --arrondissements arrondissements.geojson
 *     --communes communes.geojson --postal-codes laposte_hexasmal.csv --output data/stations.csv
 * </pre>
 *
 * <p>Arrondissements come first, so that a Paris station gets its arrondissement's INSEE code (751xx), never
 * Paris's 75056. A station outside every area gets the postal code {@code UNKNOWN}; the count and the codes are
 * printed on stderr, as are the feed entries that could not be decoded. A name whose UTF-8 was read as Windows-1252,
 * once or more ({@code RenÃƒÂ© Boulanger}), is repaired ({@link Mojibake#repair}); how many were is printed too. Rows
 * are sorted by station code, so that the
 * same inputs give the same file byte for byte. Exit status: 0 on success, 1 when an input cannot be read, 2 on a
 * usage error.
 */
public final class StationTableGenerator {

    private static final String USAGE = "usage: StationTableGenerator --station-information FILE"
            + " --arrondissements GEOJSON --communes GEOJSON --postal-codes LAPOSTE_CSV --output CSV";

    private final AreaIndex areas;
    private final Map<String, String> postalCodeByInsee;

    /**
     * @param areas the areas in order of precedence, each with its INSEE code as code and its commune as name
     * @param postalCodeByInsee the postal code of each INSEE code; a missing one, or {@code UNKNOWN}, is none
     */
    public StationTableGenerator(List<AreaPolygon> areas, Map<String, String> postalCodeByInsee) {
        this.areas = new AreaIndex(areas);
        this.postalCodeByInsee = Map.copyOf(postalCodeByInsee);
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    static int run(String[] args, PrintStream err) {
        Map<String, Path> options;
        try {
            options = Options.parse(
                    args,
                    List.of("--station-information", "--arrondissements", "--communes", "--postal-codes", "--output"));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            byte[] geoJson = IleDeFranceAreasGenerator.generate(
                    options.get("--arrondissements"),
                    options.get("--communes"),
                    PostalCodes.readLaPoste(options.get("--postal-codes")),
                    new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
            IleDeFranceAreasGenerator.Areas areas = IleDeFranceAreasGenerator.readBack(geoJson, "generated areas");
            StationTableGenerator generator = new StationTableGenerator(areas.byInsee(), areas.postalCodeByInsee());
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
            if (!table.repairedNames().isEmpty()) {
                err.println(table.repairedNames().size() + " station names repaired (UTF-8 read as Windows-1252), e.g. "
                        + table.repairedNames().get(0));
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
        List<String> repairedNames = new ArrayList<>();
        Map<String, String> seenCodes = new HashMap<>();
        for (StationInformation station : stations) {
            String previous = seenCodes.putIfAbsent(station.stationKey(), station.stationId());
            if (previous != null) {
                throw new IllegalArgumentException("station code " + station.stationKey() + " is used by station ids "
                        + previous + " and " + station.stationId());
            }
            Coordinates coordinates = new Coordinates(station.lat(), station.lon());
            AreaPolygon area = areas.locate(coordinates.lat(), coordinates.lon());
            String postalCode = area == null
                    ? StationRow.UNKNOWN_POSTAL_CODE
                    : postalCodeByInsee.getOrDefault(area.code(), StationRow.UNKNOWN_POSTAL_CODE);
            if (area == null) {
                outside.add(station.stationKey());
            } else if (postalCode.equals(StationRow.UNKNOWN_POSTAL_CODE)) {
                withoutPostalCode.add(station.stationKey() + " (INSEE " + area.code() + ")");
            }
            String name = Mojibake.repair(station.name());
            if (!name.equals(station.name())) {
                repairedNames.add(station.stationKey() + " '" + station.name() + "' -> '" + name + "'");
            }
            rows.add(new StationRow(
                    station.stationKey(),
                    station.stationId(),
                    name,
                    coordinates,
                    station.capacity(),
                    postalCode,
                    area == null ? null : area.code(),
                    area == null ? null : area.name()));
        }
        rows.sort(Comparator.comparing(StationRow::stationCode));
        return new Table(
                rows,
                outside.stream().sorted().toList(),
                withoutPostalCode.stream().sorted().toList(),
                repairedNames.stream().sorted().toList());
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

    /**
     * The generated table and what it could not place.
     *
     * @param rows every station, sorted by station code
     * @param outsideEveryArea codes of the stations outside every polygon
     * @param withoutPostalCode stations in an area whose INSEE code La Poste's table lacks
     * @param repairedNames the stations whose mis-encoded name was repaired: code, name read, name written
     */
    public record Table(
            List<StationRow> rows,
            List<String> outsideEveryArea,
            List<String> withoutPostalCode,
            List<String> repairedNames) {

        public Table {
            rows = List.copyOf(rows);
            outsideEveryArea = List.copyOf(outsideEveryArea);
            withoutPostalCode = List.copyOf(withoutPostalCode);
            repairedNames = List.copyOf(repairedNames);
        }
    }
}
