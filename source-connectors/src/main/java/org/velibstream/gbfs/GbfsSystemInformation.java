package org.velibstream.gbfs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * A decoded {@code system_information} feed, reduced to what the job needs to tell systems apart and keep each one's
 * clock: its id, its name, its time zone and its language.
 *
 * <p>The time zone matters most: a day of statistics is a day in the system's own zone (Bay Wheels' days are in
 * America/Los_Angeles, not Europe/Paris), so a zone that is present but not a zone fails the whole document rather
 * than leave the job to fall back silently on another one. Every other field is optional here, although GBFS requires
 * most of them, because real feeds omit them and the caller has defaults (its own system id, {@code --time-zone}).
 * GBFS 1.x/2.x and 3.0 are both read: 3.0 names are localized (the first text is kept) and {@code language} became
 * {@code languages} (the first one is kept). The document is small, so it is read as a tree.
 *
 * @param header the document-level fields
 * @param systemId {@code system_id}; null when absent
 * @param name {@code name}, GBFS 3.0: its first localized text; null when absent
 * @param timezone {@code timezone}; null when absent
 * @param language {@code language}, GBFS 3.0: the first of {@code languages}; null when absent
 */
public record GbfsSystemInformation(
        GbfsFeedHeader header,
        @Nullable String systemId,
        @Nullable String name,
        @Nullable ZoneId timezone,
        @Nullable String language) {

    public GbfsSystemInformation {
        Objects.requireNonNull(header, "header");
    }

    /**
     * Decodes a {@code system_information} document within the default {@link DecoderLimits}.
     *
     * @throws GbfsDecodingException if the payload is not JSON or has no {@code data} object, if {@code timezone} is
     *     not a time zone, or if the id or the name is longer than the limits allow
     */
    public static GbfsSystemInformation decode(byte[] document) throws GbfsDecodingException {
        return decode(document, DecoderLimits.defaults());
    }

    /**
     * Decodes a {@code system_information} document.
     *
     * @param limits the bounds the payload, the id and the name are held to
     * @throws GbfsDecodingException if the payload is not JSON or has no {@code data} object, if {@code timezone} is
     *     not a time zone, or if the id or the name is longer than the limits allow
     */
    public static GbfsSystemInformation decode(byte[] document, DecoderLimits limits) throws GbfsDecodingException {
        SmallDocument small = SmallDocument.read(document, "system_information");
        JsonNode data = small.data();
        String systemId = checked(SmallDocument.id(data.path("system_id")), "system_id", limits.maxIdChars());
        String name = checked(SmallDocument.localizedText(data.path("name")), "name", limits.maxNameChars());
        String language = SmallDocument.id(data.path("language"));
        if (language == null) {
            language = SmallDocument.id(data.path("languages").path(0));
        }
        return new GbfsSystemInformation(
                small.header(),
                systemId,
                name,
                timezone(data.path("timezone")),
                checked(language, "language", limits.maxIdChars()));
    }

    @Nullable
    private static ZoneId timezone(JsonNode value) throws GbfsDecodingException {
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new GbfsDecodingException(
                    "system_information timezone must be a time zone name such as \"Europe/Paris\", was " + value);
        }
        try {
            return ZoneId.of(value.asText());
        } catch (DateTimeException e) {
            throw new GbfsDecodingException("system_information timezone \"" + shown(value.asText())
                    + "\" is not a time zone (an IANA name such as \"Europe/Paris\" is expected): " + e.getMessage());
        }
    }

    @Nullable
    private static String checked(@Nullable String text, String field, int maxChars) throws GbfsDecodingException {
        if (text != null && text.length() > maxChars) {
            throw new GbfsDecodingException("system_information " + field + " is " + text.length()
                    + " characters long, above the limit of " + maxChars + ": " + shown(text));
        }
        return text;
    }

    private static String shown(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
