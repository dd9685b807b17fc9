package org.velibstream.gbfs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * Decodes a GBFS station feed ({@code {"last_updated", "ttl", "version", "data": {"stations": [...]}}}) or one of
 * its entries on its own, with Jackson's streaming parser: no tree is built, neither for the document nor for an entry.
 *
 * <p>A payload is read twice. The first pass reads the document-level fields and checks the JSON syntax to the end,
 * so that a payload that is not JSON or is truncated fails with a {@link GbfsDecodingException} before any entry
 * reaches the listener, and so that {@code last_updated} is known when entries are checked against it wherever the
 * feed puts it; it also enforces the {@link DecoderLimits} of a whole payload and Jackson's stream constraints, and
 * decodes every string on the way, so that nothing the second pass meets can fail the payload halfway. The second
 * pass streams the entries. Instances are immutable and thread-safe. An exception thrown by the listener propagates
 * unchanged.
 *
 * @param <T> the decoded entry type
 */
public abstract sealed class StationFeedDecoder<T> implements Serializable
        permits StationStatusDecoder, StationInformationDecoder {

    private static final long serialVersionUID = 1L;

    private final DecoderLimits limits;

    StationFeedDecoder(DecoderLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** The bounds every payload is held to. */
    public final DecoderLimits limits() {
        return limits;
    }

    /** A builder for one entry; {@code feedLastUpdated} is the document's {@code last_updated}, if known. */
    abstract EntryBuilder<T> newEntry(@Nullable Instant feedLastUpdated);

    /**
     * Decodes a whole feed document, handing each entry to {@code listener}.
     *
     * @throws GbfsDecodingException if the payload is not JSON, is truncated, is not a GBFS station feed, or is
     *     beyond the decoder's {@link DecoderLimits}
     */
    public final GbfsFeedHeader decodeDocument(byte[] document, StationListener<T> listener)
            throws GbfsDecodingException {
        TopLevel topLevel = scan(document);
        if (!topLevel.isDocument()) {
            throw new GbfsDecodingException(
                    "not a GBFS document: no top-level \"data\" (fields: " + topLevel.sortedFieldNames() + ")");
        }
        streamStations(document, topLevel.header(), listener);
        return topLevel.header();
    }

    /**
     * Decodes one entry object on its own, as Kafka records of single Vélib' entries carry them.
     *
     * @param feedLastUpdated the {@code last_updated} of the document the entry came from, to check
     *     {@code last_reported} against; null when unknown
     * @throws GbfsDecodingException if the payload is not JSON, is truncated, is not a JSON object, or is a whole
     *     document
     */
    public final void decodeEntry(byte[] entry, @Nullable Instant feedLastUpdated, StationListener<T> listener)
            throws GbfsDecodingException {
        if (scan(entry).isDocument()) {
            throw new GbfsDecodingException("a GBFS document (top-level \"data\"), not a single entry");
        }
        readSingleEntry(entry, feedLastUpdated, listener);
    }

    /**
     * Reads only the header of a document, without decoding its entries (for example to order recorded snapshots).
     *
     * @return the header; empty when the payload is a single entry rather than a document
     * @throws GbfsDecodingException if the payload is not JSON or is truncated
     */
    public final Optional<GbfsFeedHeader> readHeader(byte[] payload) throws GbfsDecodingException {
        TopLevel topLevel = scan(payload);
        return topLevel.isDocument() ? Optional.of(topLevel.header()) : Optional.empty();
    }

    /**
     * Decodes either a whole document or a single entry, told apart by the payload: a document has a top-level
     * {@code data}, an entry a {@code station_id}.
     *
     * @return the document's header; empty when the payload was a single entry
     * @throws GbfsDecodingException if the payload is not JSON, is truncated, is neither shape, or is beyond the
     *     decoder's {@link DecoderLimits}
     */
    public final Optional<GbfsFeedHeader> decode(byte[] payload, StationListener<T> listener)
            throws GbfsDecodingException {
        TopLevel topLevel = scan(payload);
        if (topLevel.isDocument()) {
            streamStations(payload, topLevel.header(), listener);
            return Optional.of(topLevel.header());
        }
        if (!topLevel.fieldNames().contains("station_id")) {
            throw new GbfsDecodingException("neither a GBFS document (no \"data\") nor a station entry (no"
                    + " \"station_id\"); fields: " + topLevel.sortedFieldNames());
        }
        readSingleEntry(payload, null, listener);
        return Optional.empty();
    }

    /** The first pass, with the limits that apply to a whole payload. */
    private TopLevel scan(byte[] payload) throws GbfsDecodingException {
        TopLevel topLevel = TopLevel.scan(payload, limits.maxDocumentBytes());
        if (topLevel.stationCount() > limits.maxStations()) {
            throw new GbfsDecodingException(topLevel.stationCount() + " stations, above the limit of "
                    + limits.maxStations() + " per document");
        }
        Instant documentTime = topLevel.header().lastUpdated();
        if (documentTime != null && documentTime.isBefore(limits.earliestTime())) {
            throw new GbfsDecodingException("document time " + documentTime + " is before the earliest plausible "
                    + "time " + limits.earliestTime());
        }
        return topLevel;
    }

    private void streamStations(byte[] document, GbfsFeedHeader header, StationListener<T> listener)
            throws GbfsDecodingException {
        listener.onDocument(header);
        try (JsonParser parser = TopLevel.JSON.createParser(document)) {
            parser.nextToken();
            if (!moveToField(parser, "data")) {
                throw new GbfsDecodingException("not a GBFS document: no top-level \"data\"");
            }
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw new GbfsDecodingException("\"data\" must be an object, was " + parser.currentToken());
            }
            if (!moveToField(parser, "stations")) {
                throw new GbfsDecodingException("not a GBFS station feed: no \"data.stations\" array");
            }
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                throw new GbfsDecodingException("\"data.stations\" must be an array, was " + parser.currentToken());
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                readEntry(parser, document, header.lastUpdated(), listener);
            }
        } catch (GbfsDecodingException e) {
            throw e;
        } catch (IOException e) {
            throw new GbfsDecodingException("unreadable document: " + e.getMessage(), e);
        }
    }

    /**
     * Moves the parser, inside an object, to the value of field {@code name}, skipping the fields before it.
     *
     * @return false when the object has no such field
     */
    private static boolean moveToField(JsonParser parser, String name) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (field.equals(name)) {
                return true;
            }
            parser.skipChildren();
        }
        return false;
    }

    private void readSingleEntry(byte[] entry, @Nullable Instant feedLastUpdated, StationListener<T> listener)
            throws GbfsDecodingException {
        try (JsonParser parser = TopLevel.JSON.createParser(entry)) {
            parser.nextToken();
            readEntry(parser, entry, feedLastUpdated, listener);
        } catch (IOException e) {
            throw new GbfsDecodingException("unreadable entry: " + e.getMessage(), e);
        }
    }

    /** Reads the entry starting at the parser's current token and leaves the parser on its last token. */
    private void readEntry(
            JsonParser parser, byte[] json, @Nullable Instant feedLastUpdated, StationListener<T> listener)
            throws IOException {
        long start = parser.currentTokenLocation().getByteOffset();
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            JsonToken token = parser.currentToken();
            parser.skipChildren();
            listener.onRejected(Rejection.ofSlice(
                    "entry is not a JSON object but " + token,
                    json,
                    start,
                    parser.currentLocation().getByteOffset()));
            return;
        }
        int entryDepth = parser.getParsingContext().getNestingDepth();
        EntryBuilder<T> builder = newEntry(feedLastUpdated);
        T station;
        try {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                builder.field(field, parser);
            }
            station = builder.build();
        } catch (InvalidValueException e) {
            skipToEndOfEntry(parser, entryDepth);
            listener.onRejected(Rejection.ofSlice(
                    e.getMessage(), json, start, parser.currentLocation().getByteOffset()));
            return;
        }
        listener.onStation(station);
    }

    /** After a bad value, wherever inside the entry the parser stands, moves it to the entry's closing brace. */
    private static void skipToEndOfEntry(JsonParser parser, int entryDepth) throws IOException {
        while (!(parser.currentToken() == JsonToken.END_OBJECT
                && parser.getParsingContext().getNestingDepth() == entryDepth - 1)) {
            if (parser.nextToken() == null) {
                throw new JsonEOFException(parser, null, "document ended inside an entry");
            }
        }
    }
}
