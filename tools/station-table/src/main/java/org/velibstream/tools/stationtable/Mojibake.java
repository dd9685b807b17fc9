package org.velibstream.tools.stationtable;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Undoes mojibake: UTF-8 text that was decoded as Windows-1252 (or ISO-8859-1), possibly more than once. The Vélib'
 * feed of 2024-11-19 names station 10001 {@code RenÃƒÂ© Boulanger} for {@code René Boulanger}: the UTF-8 bytes of
 * "é" (C3 A9) read as "Ã©", whose UTF-8 bytes read again as "ÃƒÂ©".
 *
 * <p>The rule, applied while it changes something: encode the text as Windows-1252 bytes (a C1 control character, as
 * ISO-8859-1 decoding leaves for the five bytes Windows-1252 does not define, as its own byte); if every character
 * could be encoded, the bytes are valid UTF-8 (strictly: no malformed or overlong sequence) and they decode to a
 * shorter text, that text is the repair. Proper text is left as it is, because its Windows-1252 bytes are almost
 * never valid UTF-8: an accented letter (C0 to FF) would have to be followed by one to three characters among
 * {@code €‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ} and {@code  ¡¢£¤¥¦§¨©ª«¬­®¯°±²³´µ¶·¸¹º»¼½¾¿}, and a word like "Aéroport",
 * "Champs-Élysées", "Œuvre" or "São" has a letter or nothing there. Text with a character beyond Windows-1252 (an
 * "ő", a "→") is not mojibake of this kind and is left as well. One loss is made good: a no-break space that became
 * an ordinary space after "Ã" or "Â", in a name that was decoded twice (see {@link #withLostNoBreakSpaces}).
 */
public final class Mojibake {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private Mojibake() {}

    /** {@code text} with every layer of UTF-8-read-as-Windows-1252 undone; {@code text} itself when there is none. */
    public static String repair(String text) {
        String current = text;
        boolean misencoded = false;
        while (true) {
            String undone = undoOnce(current, misencoded);
            if (undone == null || undone.length() >= current.length()) {
                return current;
            }
            current = undone;
            misencoded = true;
        }
    }

    /** Whether {@code text} still looks like mojibake: a sequence typical of UTF-8 read as Windows-1252. */
    public static boolean looksMisencoded(String text) {
        return text.contains("Ã") || text.contains("Â") || text.contains("â€");
    }

    /**
     * One layer undone, or null when {@code text} is not UTF-8 read as Windows-1252. Lost no-break spaces are made
     * good only in text already shown to be mojibake ({@code misencoded}): a proper "IRMÃ PAULA" stays as it is.
     */
    private static String undoOnce(String text, boolean misencoded) {
        byte[] bytes = windows1252Bytes(text);
        if (bytes == null) {
            return null;
        }
        String decoded = strictUtf8(bytes);
        return decoded != null || !misencoded ? decoded : strictUtf8(withLostNoBreakSpaces(bytes));
    }

    /**
     * The bytes with each space that follows the first byte of a two-byte UTF-8 sequence (C2 to DF) turned back into
     * the no-break space (A0) it was: "à" is C3 A0, read as "Ã" and a no-break space, which a clean-up of white space
     * turns into an ordinary one (the 2024-11-19 feed's {@code Muette Ãƒ  Neuilly}). Only tried when the bytes are
     * not UTF-8 as they are.
     */
    private static byte[] withLostNoBreakSpaces(byte[] bytes) {
        byte[] restored = bytes.clone();
        for (int i = 1; i < restored.length; i++) {
            int previous = restored[i - 1] & 0xFF;
            if (restored[i] == ' ' && previous >= 0xC2 && previous <= 0xDF) {
                restored[i] = (byte) 0xA0;
            }
        }
        return restored;
    }

    private static String strictUtf8(byte[] bytes) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return utf8.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static byte[] windows1252Bytes(String text) {
        CharsetEncoder encoder = WINDOWS_1252
                .newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && c <= 0x9F) {
                // Bytes 81, 8D, 8F, 90 and 9D: undefined in Windows-1252, decoded by ISO-8859-1 as these controls.
                bytes[i] = (byte) c;
                continue;
            }
            try {
                ByteBuffer encoded = encoder.encode(CharBuffer.wrap(text, i, i + 1));
                if (encoded.remaining() != 1) {
                    return null;
                }
                bytes[i] = encoded.get();
            } catch (CharacterCodingException e) {
                return null;
            }
        }
        return bytes;
    }
}
