package org.velibstream.gbfs.catalog;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;
import org.velibstream.gbfs.GbfsDecodingException;

/**
 * Reads CSV as RFC 4180 defines it: fields separated by commas, records by CRLF (or a bare LF, as files edited on
 * any system end up), a field in double quotes may hold commas, line breaks and doubled quotes. Written here rather
 * than taken from a library because this is all the catalog needs and the module keeps its dependencies few.
 * Blank lines are skipped; a leading byte order mark is the caller's business.
 */
final class CsvRecords {

    /** One record and the line of the file it starts on (1-based), which a person can find the row by. */
    record CsvRecord(int line, List<String> cells) {
        CsvRecord {
            cells = List.copyOf(cells);
        }
    }

    private final Reader in;
    private int line = 1;
    private int pushedBack = -2;

    CsvRecords(Reader in) {
        this.in = in;
    }

    /**
     * The next record; null at the end of the input.
     *
     * @throws GbfsDecodingException if a quoted field is never closed, or a quote is followed by anything else than
     *     a separator
     */
    @Nullable
    CsvRecord next() throws IOException {
        int c = read();
        while (c == '\r' || c == '\n') {
            endLine(c);
            c = read();
        }
        if (c == -1) {
            return null;
        }
        int start = line;
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        while (true) {
            if (c == '"' && cell.isEmpty()) {
                c = readQuoted(cell, start);
            }
            if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
                c = read();
            } else if (c == '\r' || c == '\n' || c == -1) {
                cells.add(cell.toString());
                if (c != -1) {
                    endLine(c);
                }
                return new CsvRecord(start, cells);
            } else {
                cell.append((char) c);
                c = read();
            }
        }
    }

    /** Reads a quoted field after its opening quote; returns the character after the closing quote. */
    private int readQuoted(StringBuilder cell, int start) throws IOException {
        while (true) {
            int c = read();
            if (c == -1) {
                throw new GbfsDecodingException("a quoted field of the row on line " + start + " is never closed");
            }
            if (c == '"') {
                int after = read();
                if (after != '"') {
                    if (after != ',' && after != '\r' && after != '\n' && after != -1) {
                        throw new GbfsDecodingException("on line " + line + ", a closing quote is followed by '"
                                + (char) after + "' instead of a comma or the end of the row");
                    }
                    return after;
                }
            }
            if (c == '\n' || (c == '\r' && peek() != '\n')) {
                line++;
            }
            cell.append((char) c);
        }
    }

    /** Counts the line break that {@code c} starts (CRLF, LF or a lone CR), consuming the LF of a CRLF. */
    private void endLine(int c) throws IOException {
        line++;
        if (c == '\r' && peek() == '\n') {
            read();
        }
    }

    private int peek() throws IOException {
        if (pushedBack == -2) {
            pushedBack = in.read();
        }
        return pushedBack;
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }
}
