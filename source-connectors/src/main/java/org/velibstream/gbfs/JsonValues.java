package org.velibstream.gbfs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import javax.annotation.Nullable;

/** Typed reads of the parser's current value, with the lenience that real feeds need and no more. */
final class JsonValues {

    private static final int MAX_SHOWN_VALUE_CHARS = 40;

    private JsonValues() {}

    static int readInt(JsonParser parser, String field) throws IOException, InvalidValueException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT
                || parser.getNumberType() != JsonParser.NumberType.INT) {
            throw wrongType(parser, field, "an integer");
        }
        return parser.getIntValue();
    }

    /**
     * A count of bikes or docks, up to {@code max}. Negative counts are let through: they are real feed defects that
     * the decoders flag as an {@link Inconsistency} rather than reject.
     */
    static int readCount(JsonParser parser, String field, int max) throws IOException, InvalidValueException {
        int count = readInt(parser, field);
        if (count > max) {
            throw new InvalidValueException(field + " is " + count + ", above the limit of " + max);
        }
        return count;
    }

    /**
     * Ids are text: Vélib' sends 64-bit numbers, GBFS 3.0 strings; the digits of a number are kept exactly.
     *
     * @param maxChars the longest id accepted
     */
    static String readId(JsonParser parser, String field, int maxChars) throws IOException, InvalidValueException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NUMBER_INT) {
            throw wrongType(parser, field, "a string or an integer");
        }
        String id = requireLength(parser.getText(), field, maxChars);
        if (id.isBlank()) {
            throw new InvalidValueException(field + " is blank");
        }
        return id;
    }

    /**
     * An optional id such as a {@code post_code} or {@code region_id}: JSON null and blank text mean absent (feeds
     * send both for "none"), so they leave the entry whole; anything else is held to the rules of {@link #readId}.
     */
    @Nullable
    static String readOptionalId(JsonParser parser, String field, int maxChars)
            throws IOException, InvalidValueException {
        if (parser.currentToken() == JsonToken.VALUE_NULL
                || (parser.currentToken() == JsonToken.VALUE_STRING
                        && parser.getText().isBlank())) {
            return null;
        }
        return readId(parser, field, maxChars);
    }

    static String requireLength(String text, String field, int maxChars) throws InvalidValueException {
        if (text.length() > maxChars) {
            throw new InvalidValueException(field + " is " + text.length() + " characters long, above the limit of "
                    + maxChars + ": " + shown(text));
        }
        return text;
    }

    /** GBFS booleans; Vélib' sends 0 and 1. */
    static boolean readFlag(JsonParser parser, String field) throws IOException, InvalidValueException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return token == JsonToken.VALUE_TRUE;
        }
        if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
            int value = parser.getIntValue();
            if (value == 0 || value == 1) {
                return value == 1;
            }
        }
        throw wrongType(parser, field, "a boolean or 0/1");
    }

    /** Epoch seconds (GBFS 1.x/2.x, Vélib') or an RFC 3339 date-time (GBFS 3.0). */
    static Instant readTimestamp(JsonParser parser, String field) throws IOException, InvalidValueException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            try {
                return Instant.ofEpochSecond(parser.getLongValue());
            } catch (DateTimeException e) {
                throw new InvalidValueException(field + " is out of the range of instants: " + parser.getText());
            }
        }
        if (token == JsonToken.VALUE_STRING) {
            try {
                return OffsetDateTime.parse(parser.getText()).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidValueException(field + " is not an RFC 3339 date-time: " + shown(parser.getText()));
            }
        }
        throw wrongType(parser, field, "epoch seconds or an RFC 3339 string");
    }

    static double readCoordinate(JsonParser parser, String field, double bound)
            throws IOException, InvalidValueException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw wrongType(parser, field, "a number");
        }
        double value = parser.getDoubleValue();
        if (!(Math.abs(value) <= bound)) {
            throw new InvalidValueException(field + " is out of range [-" + bound + ", " + bound + "]: " + value);
        }
        return value;
    }

    static String readString(JsonParser parser, String field) throws IOException, InvalidValueException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw wrongType(parser, field, "a string");
        }
        return parser.getText();
    }

    /** A plain string (GBFS 1.x/2.x) or a GBFS 3.0 localized array {@code [{"text", "language"}]}: its first text. */
    static String readLocalizedText(JsonParser parser, String field) throws IOException, InvalidValueException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw wrongType(parser, field, "a string or a localized array");
        }
        String first = null;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw wrongType(parser, field + "[]", "an object with text and language");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals("text") && first == null) {
                    first = readString(parser, field + "[].text");
                } else {
                    parser.skipChildren();
                }
            }
        }
        if (first == null) {
            throw new InvalidValueException(field + " has no localized text");
        }
        return first;
    }

    static InvalidValueException wrongType(JsonParser parser, String field, String expected) throws IOException {
        return new InvalidValueException(field + " must be " + expected + ", was " + describe(parser));
    }

    private static String describe(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_NULL -> "null";
            case VALUE_STRING -> "the string " + shown('"' + parser.getText() + '"');
            default -> shown(parser.getText());
        };
    }

    private static String shown(String text) {
        return text.length() <= MAX_SHOWN_VALUE_CHARS ? text : text.substring(0, MAX_SHOWN_VALUE_CHARS) + "…";
    }
}
