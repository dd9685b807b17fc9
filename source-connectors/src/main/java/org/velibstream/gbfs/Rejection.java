package org.velibstream.gbfs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A feed entry the decoder could not turn into a value: the reason, and the entry's raw JSON so that a dead-letter
 * output can show what the feed really sent.
 *
 * @param reason why the entry was rejected, for example {@code "missing num_docks_available"}
 * @param rawEntry the entry's JSON text, cut to {@link #MAX_RAW_ENTRY_CHARS} characters
 */
public record Rejection(String reason, String rawEntry) {

    /** Long enough for any real station entry (about 500 characters), short enough for a dead-letter record. */
    public static final int MAX_RAW_ENTRY_CHARS = 2_000;

    static final String TRUNCATION_MARK = "…[truncated]";

    public Rejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(rawEntry, "rawEntry");
        if (rawEntry.length() > MAX_RAW_ENTRY_CHARS) {
            rawEntry = rawEntry.substring(0, MAX_RAW_ENTRY_CHARS - TRUNCATION_MARK.length()) + TRUNCATION_MARK;
        }
    }

    /** A rejection whose raw entry is the UTF-8 text of {@code json[from, to)}. */
    static Rejection ofSlice(String reason, byte[] json, long from, long to) {
        int start = (int) Math.max(0, Math.min(from, json.length));
        int end = (int) Math.max(start, Math.min(to, json.length));
        // Decoding more than needed would waste time on huge entries; 4 bytes per character is the UTF-8 maximum.
        int cappedEnd = Math.min(end, start + 4 * MAX_RAW_ENTRY_CHARS);
        String text = new String(Arrays.copyOfRange(json, start, cappedEnd), StandardCharsets.UTF_8);
        if (cappedEnd < end && text.length() <= MAX_RAW_ENTRY_CHARS) {
            text = text + TRUNCATION_MARK;
        }
        return new Rejection(reason, text);
    }
}
