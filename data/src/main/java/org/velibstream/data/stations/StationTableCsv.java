package org.velibstream.data.stations;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/**
 * The CSV form of the station table: RFC 4180 (comma-separated, fields with a comma, a quote or a line break quoted,
 * quotes doubled), with the header {@value #HEADER}. Empty fields stand for absent values.
 */
public final class StationTableCsv {

    public static final String HEADER = "stationCode,stationId,name,lat,lon,capacity,postalCode,inseeCode,commune";

    private static final int COLUMNS = 9;

    private StationTableCsv() {}

    public static void write(List<StationRow> rows, Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        for (StationRow row : rows) {
            out.write(String.join(
                    ",",
                    quoted(row.stationCode()),
                    quoted(row.stationId()),
                    quoted(row.name()),
                    Double.toString(row.coordinates().lat()),
                    Double.toString(row.coordinates().lon()),
                    row.capacity() == null ? "" : row.capacity().toString(),
                    quoted(row.postalCode()),
                    quoted(row.inseeCode()),
                    quoted(row.commune())));
            out.write('\n');
        }
    }

    /**
     * @param source a name for the input in error messages (a path, a resource)
     * @throws IOException if the header differs or a record is malformed, with its line number
     */
    public static List<StationRow> read(Reader in, String source) throws IOException {
        RecordReader records = new RecordReader(new BufferedReader(in));
        List<String> header = records.next();
        if (header == null || !String.join(",", header).replace("\uFEFF", "").equals(HEADER)) {
            throw new IOException(source + ": expected the header " + HEADER + ", found " + header);
        }
        List<StationRow> rows = new ArrayList<>();
        List<String> fields;
        while (true) {
            try {
                fields = records.next();
                if (fields == null) {
                    return rows;
                }
                rows.add(parseRow(fields));
            } catch (IllegalArgumentException e) {
                throw new IOException(source + ":" + records.recordLine() + ": " + e.getMessage(), e);
            }
        }
    }

    private static StationRow parseRow(List<String> fields) {
        if (fields.size() != COLUMNS) {
            throw new IllegalArgumentException("expected " + COLUMNS + " fields, found " + fields.size());
        }
        return new StationRow(
                required(fields.get(0), "stationCode"),
                required(fields.get(1), "stationId"),
                fields.get(2),
                new Coordinates(Double.parseDouble(fields.get(3)), Double.parseDouble(fields.get(4))),
                fields.get(5).isEmpty() ? null : Integer.valueOf(fields.get(5)),
                required(fields.get(6), "postalCode"),
                emptyToNull(fields.get(7)),
                emptyToNull(fields.get(8)));
    }

    /** RFC 4180 records: a quoted field may hold commas, doubled quotes and line breaks. */
    private static final class RecordReader {
        private final BufferedReader in;
        private int line = 1;
        private int recordLine = 1;

        RecordReader(BufferedReader in) {
            this.in = in;
        }

        /** The line the last record read starts on, for error messages. */
        int recordLine() {
            return recordLine;
        }

        /** The next record's fields; null at the end of the input. Blank lines are skipped. */
        @Nullable
        List<String> next() throws IOException {
            int c = in.read();
            while (c == '\n' || c == '\r') {
                line += c == '\n' ? 1 : 0;
                c = in.read();
            }
            if (c < 0) {
                return null;
            }
            recordLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (; c >= 0; c = in.read()) {
                if (quoted) {
                    if (c == '"') {
                        in.mark(1);
                        if (in.read() == '"') {
                            field.append('"');
                        } else {
                            in.reset();
                            quoted = false;
                        }
                    } else {
                        line += c == '\n' ? 1 : 0;
                        field.append((char) c);
                    }
                } else if (c == '"' && field.isEmpty()) {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n') {
                    line++;
                    break;
                } else if (c != '\r') {
                    field.append((char) c);
                }
            }
            if (quoted) {
                throw new IllegalArgumentException("unterminated quoted field");
            }
            fields.add(field.toString());
            return fields;
        }
    }

    private static String quoted(@Nullable String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static String required(String value, String column) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty " + column);
        }
        return value;
    }

    @Nullable
    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
