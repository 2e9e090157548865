package org.ecoplan.web.input;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Strict percent-decoding (RFC 3986) of UTF-8 text: a broken escape or bytes that are not UTF-8 are refused
 * rather than turned into U+FFFD, which would store something the client never sent. {@code +} stays a plus.
 */
public final class PercentEncoding {

    private PercentEncoding() {
    }

    /** The decoded text, or empty when {@code encoded} is not percent-encoded UTF-8. */
    public static Optional<String> decode(String encoded) {
        if (encoded.chars().allMatch(c -> c != '%' && c < 0x80)) {
            return Optional.of(encoded);
        }
        byte[] bytes = new byte[encoded.length()];
        int length = 0;
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(encoded.charAt(i + 1), 16);
                int low = Character.digit(encoded.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes[length++] = (byte) (high << 4 | low);
                i += 2;
            } else if (c <= 0xFF) {
                // The HTTP server reads a request line and header values byte by byte: a raw (unescaped) UTF-8
                // byte arrives as one char of that value.
                bytes[length++] = (byte) c;
            } else {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
