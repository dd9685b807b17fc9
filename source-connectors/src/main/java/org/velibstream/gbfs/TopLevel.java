package org.velibstream.gbfs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.annotation.Nullable;

/**
 * The first pass over a payload: the top-level object's field names, document header and number of station entries,
 * read with the whole payload's syntax, encoding and parser limits checked, so that a broken payload fails before
 * anything is decoded from it.
 *
 * @param stationCount the number of entries in {@code data.stations}; 0 when there is no such array
 */
record TopLevel(Set<String> fieldNames, GbfsFeedHeader header, int stationCount) {

    /**
     * Jackson's own limits, far above anything a GBFS feed holds (its deepest value is about 6 levels down, its
     * longest number a 20-digit id, its longest string a URL) and far below Jackson's defaults, so that deep nesting,
     * huge numbers or huge strings fail fast with a clear message.
     */
    static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(64)
            .maxNumberLength(100)
            .maxStringLength(1_000_000)
            .maxNameLength(10_000)
            .build();

    /**
     * Parsers take their buffers from a plain shared pool: Jackson's default keeps them per thread behind a soft
     * reference, and the profile of the Kafka path showed a task thread re-creating them and re-registering the
     * thread-local (5 % of the source's samples) as the collector cleared the references.
     */
    static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(CONSTRAINTS)
            .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
            .build();

    TopLevel {
        fieldNames = Collections.unmodifiableSet(fieldNames);
    }

    /**
     * The field names in order, for messages: sorted so that they read the same every time. Sorted only here, as
     * most payloads (every Kafka record) are scanned and never listed.
     */
    SortedSet<String> sortedFieldNames() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(fieldNames));
    }

    boolean isDocument() {
        return fieldNames.contains("data");
    }

    /**
     * Reads the top-level object's own fields to the end of the payload, walking nested values token by token.
     *
     * @param maxBytes the largest payload accepted
     */
    static TopLevel scan(byte[] payload, int maxBytes) throws GbfsDecodingException {
        if (payload.length > maxBytes) {
            throw new GbfsDecodingException(
                    "payload of " + payload.length + " bytes is above the limit of " + maxBytes + " bytes");
        }
        try (JsonParser parser = JSON.createParser(payload)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new GbfsDecodingException("empty payload");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new GbfsDecodingException("expected a JSON object at the top level, found " + first);
            }
            Set<String> fieldNames = new HashSet<>();
            HeaderFields header = new HeaderFields();
            int stationCount = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                if (!fieldNames.add(field)) {
                    throw duplicated(field, "the top level");
                }
                parser.nextToken();
                if (field.equals("data")) {
                    stationCount += walkData(parser);
                } else {
                    header.field(field, parser);
                }
            }
            if (parser.nextToken() != null) {
                throw new GbfsDecodingException("unexpected content after the top-level object at "
                        + parser.currentTokenLocation().offsetDescription());
            }
            return new TopLevel(fieldNames, header.build(), stationCount);
        } catch (JsonEOFException e) {
            throw new GbfsDecodingException("truncated JSON: " + e.getOriginalMessage(), e);
        } catch (StreamConstraintsException e) {
            throw new GbfsDecodingException("beyond the parser's limits: " + e.getOriginalMessage(), e);
        } catch (StreamReadException e) {
            throw new GbfsDecodingException(
                    "not valid JSON: " + e.getOriginalMessage() + " at "
                            + e.getLocation().offsetDescription(),
                    e);
        } catch (InvalidValueException e) {
            throw new GbfsDecodingException("bad document header: " + e.getMessage());
        } catch (GbfsDecodingException e) {
            throw e;
        } catch (IOException e) {
            throw new GbfsDecodingException("unreadable payload: " + e.getMessage(), e);
        }
    }

    /** Walks the value of {@code data}, returning the number of entries of its {@code stations} array. */
    private static int walkData(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            walkValue(parser);
            return 0;
        }
        int stations = 0;
        Set<String> dataFields = new HashSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            if (!dataFields.add(parser.currentName())) {
                throw duplicated(parser.currentName(), "\"data\"");
            }
            boolean isStations = parser.currentName().equals("stations");
            if (parser.nextToken() == JsonToken.START_ARRAY && isStations) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    walkValue(parser);
                    stations++;
                }
            } else {
                walkValue(parser);
            }
        }
        return stations;
    }

    /**
     * A document naming a structural field twice is ambiguous (parsers keep either the first or the last value), so
     * it is refused rather than read one way or the other.
     */
    private static GbfsDecodingException duplicated(String field, String where) {
        return new GbfsDecodingException(
                "the field \"" + field + "\" appears twice in " + where + ": an ambiguous document");
    }

    /**
     * Moves past the value starting at the current token, decoding every string: unlike {@code skipChildren}, this
     * makes invalid UTF-8 and over-long strings fail here, in the first pass, rather than halfway through the entries.
     */
    private static void walkValue(JsonParser parser) throws IOException {
        int depth = 0;
        do {
            JsonToken token = parser.currentToken();
            if (token == null) {
                throw new JsonEOFException(parser, null, "payload ended inside a value");
            }
            if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            } else if (token == JsonToken.VALUE_STRING) {
                int length = parser.getTextLength();
                // Jackson checks the limit only when it builds a String, which this pass avoids.
                if (length > CONSTRAINTS.getMaxStringLength()) {
                    throw new StreamConstraintsException("String value length (" + length
                            + ") exceeds the maximum allowed (" + CONSTRAINTS.getMaxStringLength() + ")");
                }
            }
        } while (depth > 0 && parser.nextToken() != JsonToken.NOT_AVAILABLE);
    }

    private static final class HeaderFields {
        @Nullable
        private Instant lastUpdated;

        private boolean lastUpdatedIsText;

        @Nullable
        private Instant lastUpdatedOther;

        @Nullable
        private Integer ttl;

        @Nullable
        private String version;

        void field(String name, JsonParser parser) throws IOException, InvalidValueException {
            switch (name) {
                case "last_updated" -> {
                    lastUpdatedIsText = parser.currentToken() == JsonToken.VALUE_STRING;
                    lastUpdated = JsonValues.readTimestamp(parser, name);
                }
                case "lastUpdatedOther" -> lastUpdatedOther = JsonValues.readTimestamp(parser, name);
                case "ttl" -> ttl = JsonValues.readInt(parser, name);
                case "version" -> version = JsonValues.readString(parser, name);
                default -> walkValue(parser);
            }
        }

        GbfsFeedHeader build() {
            GbfsVersion detected;
            if (version != null) {
                detected = GbfsVersion.fromDeclared(version);
            } else if (lastUpdated == null && lastUpdatedOther != null) {
                detected = GbfsVersion.VELIB;
            } else {
                detected = lastUpdatedIsText ? GbfsVersion.GBFS_3 : GbfsVersion.GBFS_2;
            }
            return new GbfsFeedHeader(lastUpdated != null ? lastUpdated : lastUpdatedOther, ttl, version, detected);
        }
    }
}
