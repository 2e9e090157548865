package org.ecoplan.web.http;

import java.nio.charset.StandardCharsets;

/**
 * A {@code Content-Disposition} for a download whose name came from a user: always {@code attachment} (a
 * browser saves it rather than showing it in our origin), the name as RFC 6266 / RFC 8187
 * {@code filename*=UTF-8''…} with everything but RFC 8187's attr-chars percent-encoded, and a plain-ASCII
 * {@code filename} for old clients with every other character replaced. Neither form can carry a quote, a
 * line break or a path, so a stored name cannot inject a header or a parameter.
 */
public final class ContentDisposition {

    private static final String ATTR_CHARS = "!#$&+-.^_`|~";

    private ContentDisposition() {
    }

    public static String attachment(String fileName) {
        String name = fileName == null || fileName.isBlank() ? "file" : fileName;
        return "attachment; filename=\"" + asciiFallback(name) + "\"; filename*=UTF-8''" + encode(name);
    }

    static String asciiFallback(String name) {
        StringBuilder ascii = new StringBuilder();
        name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '/'
                && c != '%' && c != ';' ? (char) c : '_'));
        return ascii.toString();
    }

    static String encode(String name) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || ATTR_CHARS.indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return encoded.toString();
    }
}
