package org.velibstream.gbfs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;

import javax.annotation.Nullable;

import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The first pass over a payload: the top-level object's field names and document header, read with the whole
 * payload's syntax checked, so that a broken payload fails before anything is decoded from it.
 */
record TopLevel(Set<String> fieldNames, GbfsFeedHeader header) {

    static final JsonFactory JSON = new JsonFactory();

    TopLevel {
        // Sorted, so that error messages listing them read the same every time.
        fieldNames = Collections.unmodifiableSortedSet(new TreeSet<>(fieldNames));
    }

    boolean isDocument() {
        return fieldNames.contains("data");
    }

    /** Reads the top-level object's own fields, skipping nested values, to the end of the payload. */
    static TopLevel scan(byte[] payload) throws GbfsDecodingException {
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
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                fieldNames.add(field);
                parser.nextToken();
                header.field(field, parser);
            }
            if (parser.nextToken() != null) {
                throw new GbfsDecodingException("unexpected content after the top-level object at "
                        + parser.currentTokenLocation().offsetDescription());
            }
            return new TopLevel(fieldNames, header.build());
        } catch (JsonEOFException e) {
            throw new GbfsDecodingException("truncated JSON: " + e.getOriginalMessage(), e);
        } catch (StreamReadException e) {
            throw new GbfsDecodingException("not valid JSON: " + e.getOriginalMessage() + " at "
                    + e.getLocation().offsetDescription(), e);
        } catch (InvalidValueException e) {
            throw new GbfsDecodingException("bad document header: " + e.getMessage());
        } catch (GbfsDecodingException e) {
            throw e;
        } catch (IOException e) {
            throw new GbfsDecodingException("unreadable payload: " + e.getMessage(), e);
        }
    }

    private static final class HeaderFields {
        @Nullable private Instant lastUpdated;
        private boolean lastUpdatedIsText;
        @Nullable private Instant lastUpdatedOther;
        @Nullable private Integer ttl;
        @Nullable private String version;

        void field(String name, JsonParser parser) throws IOException, InvalidValueException {
            switch (name) {
                case "last_updated" -> {
                    lastUpdatedIsText = parser.currentToken() == JsonToken.VALUE_STRING;
                    lastUpdated = JsonValues.readTimestamp(parser, name);
                }
                case "lastUpdatedOther" -> lastUpdatedOther = JsonValues.readTimestamp(parser, name);
                case "ttl" -> ttl = JsonValues.readInt(parser, name);
                case "version" -> version = JsonValues.readString(parser, name);
                default -> parser.skipChildren();
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
