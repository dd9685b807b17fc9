package org.velibstream.gbfs.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.velibstream.gbfs.GbfsDecodingException;
import org.velibstream.gbfs.catalog.CsvRecords.CsvRecord;

/**
 * MobilityData's catalog of GBFS systems, {@code systems.csv} as published in
 * <a href="https://github.com/MobilityData/gbfs">MobilityData/gbfs</a>: the way to run the job on many systems without
 * writing their URLs by hand.
 *
 * <p>The file is read as published: UTF-8 with or without a byte order mark, RFC 4180 quoting (names and locations
 * hold commas), columns found by their header name, not their position, since the catalog has gained columns over
 * the years ({@code Supported Versions}, the authentication columns) and may gain more. A missing required column
 * fails the whole file with its name. A row that cannot be polled (no {@code System ID}, no usable
 * {@code Auto-Discovery URL}, more cells than the header) is a {@link CatalogRejection} with its line and reason: a
 * system a user asked for is never dropped without a word.
 *
 * <p>{@link #systems()} is the catalog as published, where a System ID may appear on several rows (one operator's
 * cities). {@link #filter} gives what a job can run: the systems asked for, each System ID once, since the job keys
 * its state by system id and two systems under one id would be counted as one.
 */
public final class GbfsCatalog {

    public static final String COUNTRY_CODE = "Country Code";
    public static final String NAME = "Name";
    public static final String LOCATION = "Location";
    public static final String SYSTEM_ID = "System ID";
    public static final String URL = "URL";
    public static final String AUTO_DISCOVERY_URL = "Auto-Discovery URL";
    public static final String SUPPORTED_VERSIONS = "Supported Versions";

    private static final List<String> REQUIRED_COLUMNS =
            List.of(COUNTRY_CODE, NAME, LOCATION, SYSTEM_ID, URL, AUTO_DISCOVERY_URL);

    private final List<CatalogSystem> systems;
    /** The line each of {@link #systems} starts on, index for index. */
    private final List<Integer> rowNumbers;

    private final List<CatalogRejection> rejected;

    private GbfsCatalog(List<CatalogSystem> systems, List<Integer> rowNumbers, List<CatalogRejection> rejected) {
        this.systems = List.copyOf(systems);
        this.rowNumbers = List.copyOf(rowNumbers);
        this.rejected = List.copyOf(rejected);
    }

    /** The systems of the rows that can be polled, in file order. */
    public List<CatalogSystem> systems() {
        return systems;
    }

    /** The rows that cannot be polled, in file order. */
    public List<CatalogRejection> rejected() {
        return rejected;
    }

    /** Reads a {@code systems.csv} file. */
    public static GbfsCatalog read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    /**
     * Reads a {@code systems.csv} document from {@code in}, which is left open.
     *
     * @throws GbfsDecodingException if the text is not UTF-8, has no header or lacks a required column, or if a
     *     quoted field is never closed
     */
    public static GbfsCatalog read(InputStream in) throws IOException {
        Reader reader = new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
        try {
            return parse(new CsvRecords(reader));
        } catch (CharacterCodingException e) {
            throw new GbfsDecodingException("the GBFS catalog is not UTF-8 text: " + e, e);
        }
    }

    private static GbfsCatalog parse(CsvRecords csv) throws IOException {
        CsvRecord header = csv.next();
        if (header == null) {
            throw new GbfsDecodingException("the GBFS catalog is empty: no header row");
        }
        Map<String, Integer> columns = columns(header.cells());
        for (String required : REQUIRED_COLUMNS) {
            if (!columns.containsKey(required.toLowerCase(Locale.ROOT))) {
                throw new GbfsDecodingException("the GBFS catalog has no \"" + required + "\" column (header: "
                        + String.join(",", header.cells()) + ")");
            }
        }
        List<CatalogSystem> systems = new ArrayList<>();
        List<Integer> rowNumbers = new ArrayList<>();
        List<CatalogRejection> rejected = new ArrayList<>();
        for (CsvRecord row = csv.next(); row != null; row = csv.next()) {
            Row cells = new Row(row, columns);
            String reason = cells.problem(header.cells().size());
            if (reason != null) {
                rejected.add(new CatalogRejection(row.line(), reason, cells.get(COUNTRY_CODE), cells.get(SYSTEM_ID)));
                continue;
            }
            systems.add(cells.toSystem());
            rowNumbers.add(row.line());
        }
        return new GbfsCatalog(systems, rowNumbers, rejected);
    }

    /** Column name, lower-cased, → index; the first of two columns of one name wins. */
    private static Map<String, Integer> columns(List<String> header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1).strip();
            }
            columns.putIfAbsent(name.toLowerCase(Locale.ROOT), i);
        }
        return columns;
    }

    /**
     * The systems a job can run, and the rejected rows it asked for.
     *
     * @param countryCodes the countries to keep, in any case ({@code "us"} is {@code "US"}); empty keeps every one
     * @param systemIds the System IDs to keep, exactly as the catalog writes them; empty keeps every one
     * @return a catalog of the selected systems, each System ID once (a later row with an id already selected
     *     becomes a rejection naming the earlier row), with the rejections of the rows the filter matches
     */
    public GbfsCatalog filter(Set<String> countryCodes, Set<String> systemIds) {
        Set<String> countries = countryCodes.stream()
                .map(code -> code.strip().toUpperCase(Locale.ROOT))
                .collect(Collectors.toSet());
        List<CatalogSystem> selected = new ArrayList<>();
        List<Integer> selectedRows = new ArrayList<>();
        List<CatalogRejection> selectedRejections = new ArrayList<>();
        Map<String, Integer> firstRowOfId = new HashMap<>();
        for (int i = 0; i < systems.size(); i++) {
            CatalogSystem system = systems.get(i);
            if (!matches(system.countryCode(), system.systemId(), countries, systemIds)) {
                continue;
            }
            Integer first = firstRowOfId.putIfAbsent(system.systemId(), rowNumbers.get(i));
            if (first != null) {
                selectedRejections.add(new CatalogRejection(
                        rowNumbers.get(i),
                        "System ID " + system.systemId() + " is already the id of the system on line " + first
                                + "; two systems under one id would be counted as one",
                        system.countryCode(),
                        system.systemId()));
                continue;
            }
            selected.add(system);
            selectedRows.add(rowNumbers.get(i));
        }
        for (CatalogRejection rejection : rejected) {
            if (matches(rejection.countryCode(), rejection.systemId(), countries, systemIds)) {
                selectedRejections.add(rejection);
            }
        }
        selectedRejections.sort((a, b) -> Integer.compare(a.rowNumber(), b.rowNumber()));
        return new GbfsCatalog(selected, selectedRows, selectedRejections);
    }

    /** The ids of {@code systemIds} that no row of the catalog carries, polled or rejected: likely typing errors. */
    public Set<String> unknownSystemIds(Set<String> systemIds) {
        Set<String> unknown = new LinkedHashSet<>(systemIds);
        systems.forEach(system -> unknown.remove(system.systemId()));
        rejected.forEach(rejection -> unknown.remove(rejection.systemId()));
        return unknown;
    }

    private static boolean matches(String countryCode, String systemId, Set<String> countries, Set<String> ids) {
        return (countries.isEmpty() || countries.contains(countryCode.toUpperCase(Locale.ROOT)))
                && (ids.isEmpty() || ids.contains(systemId));
    }

    @Override
    public String toString() {
        return "GbfsCatalog[" + systems.size() + " systems, " + rejected.size() + " rejected rows]";
    }

    /** The cells of one row, found by column name. */
    private record Row(CsvRecord csvRecord, Map<String, Integer> columns) {

        /** The cell under {@code column}, stripped; empty when the row is shorter or the column absent. */
        String get(String column) {
            Integer index = columns.get(column.toLowerCase(Locale.ROOT));
            return index != null && index < csvRecord.cells().size()
                    ? csvRecord.cells().get(index).strip()
                    : "";
        }

        /** Why the row cannot be polled; null when it can. */
        @Nullable
        String problem(int headerCells) {
            if (csvRecord.cells().size() > headerCells) {
                return csvRecord.cells().size() + " cells where the header has " + headerCells
                        + " (a comma outside quotes?)";
            }
            if (get(SYSTEM_ID).isEmpty()) {
                return "missing System ID";
            }
            String url = get(AUTO_DISCOVERY_URL);
            if (url.isEmpty()) {
                return "missing Auto-Discovery URL";
            }
            return discoveryUrl(url) == null ? "Auto-Discovery URL is not an absolute http(s) URL: " + url : null;
        }

        CatalogSystem toSystem() {
            String url = get(URL);
            return new CatalogSystem(
                    get(COUNTRY_CODE),
                    get(NAME),
                    get(LOCATION),
                    get(SYSTEM_ID),
                    url.isEmpty() ? null : url,
                    discoveryUrl(get(AUTO_DISCOVERY_URL)),
                    Arrays.stream(get(SUPPORTED_VERSIONS).split(";"))
                            .map(String::strip)
                            .filter(version -> !version.isEmpty())
                            .toList());
        }

        @Nullable
        private static URI discoveryUrl(String text) {
            try {
                URI uri = new URI(text);
                boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
                return http && uri.getHost() != null ? uri : null;
            } catch (URISyntaxException e) {
                return null;
            }
        }
    }
}
