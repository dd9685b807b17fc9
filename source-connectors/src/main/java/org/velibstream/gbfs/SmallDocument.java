package org.velibstream.gbfs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import javax.annotation.Nullable;

/**
 * A GBFS document small enough to be read whole as a tree ({@code system_information}, {@code system_regions},
 * {@code vehicle_types}): a few kilobytes, read once at discovery and now and then after, where the streaming
 * decoders of station feeds would only add code. The header is read by the same first pass as the station feeds, so
 * that broken JSON, duplicated structural fields and oversized payloads fail the same way everywhere.
 *
 * @param header the document-level fields
 * @param data the document's {@code data} object
 */
record SmallDocument(GbfsFeedHeader header, JsonNode data) {

    private static final ObjectMapper MAPPER = new ObjectMapper(TopLevel.JSON);

    /**
     * @param feed the feed's name, for messages ({@code "system_information"}, …)
     * @throws GbfsDecodingException if the payload is not JSON, is too large, or has no {@code data} object
     */
    static SmallDocument read(byte[] document, String feed) throws GbfsDecodingException {
        GbfsFeedHeader header = TopLevel.scan(document, DecoderLimits.DEFAULT_MAX_DOCUMENT_BYTES)
                .header();
        JsonNode root;
        try {
            root = MAPPER.readTree(document);
        } catch (JsonProcessingException e) {
            throw new GbfsDecodingException("not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new GbfsDecodingException("unreadable payload: " + e.getMessage(), e);
        }
        if (root == null || !root.path("data").isObject()) {
            throw new GbfsDecodingException("not a GBFS " + feed + " feed: no \"data\" object");
        }
        return new SmallDocument(header, root.get("data"));
    }

    /**
     * A GBFS 1.x/2.x plain string or a GBFS 3.0 localized array {@code [{"text", "language"}]}: its first non-blank
     * text. Null when absent, blank or of another shape.
     */
    @Nullable
    static String localizedText(JsonNode value) {
        if (value.isTextual()) {
            return value.asText().isBlank() ? null : value.asText();
        }
        if (value.isArray()) {
            for (JsonNode translation : value) {
                JsonNode text = translation.path("text");
                if (text.isTextual() && !text.asText().isBlank()) {
                    return text.asText();
                }
            }
        }
        return null;
    }

    /** An id given as text or as an integer (feeds use both); null when absent, blank or of another shape. */
    @Nullable
    static String id(JsonNode value) {
        if (value.isTextual() || value.isIntegralNumber()) {
            String id = value.asText();
            return id.isBlank() ? null : id;
        }
        return null;
    }
}
