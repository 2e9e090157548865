package org.ecoplan.progress.evidence;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The evidence types accepted, recognised by their leading bytes ("magic numbers"), never by the name or
 * the declared Content-Type, which a client can get wrong or fake.
 */
public enum FileType {
    JPEG("image/jpeg"),
    PNG("image/png"),
    PDF("application/pdf"),
    WEBP("image/webp"),
    HEIC("image/heic");

    private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
    private static final Set<String> HEIC_BRANDS = Set.of("heic", "heix", "heim", "heis", "mif1", "msf1");

    private final String mediaType;

    FileType(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    public static Optional<FileType> detect(byte[] content) {
        if (startsWith(content, 0, new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF })) {
            return Optional.of(JPEG);
        }
        if (startsWith(content, 0, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (startsWith(content, 0, ascii("%PDF-"))) {
            return Optional.of(PDF);
        }
        if (startsWith(content, 0, ascii("RIFF")) && startsWith(content, 8, ascii("WEBP"))) {
            return Optional.of(WEBP);
        }
        if (startsWith(content, 4, ascii("ftyp")) && content.length >= 12
                && HEIC_BRANDS.contains(new String(content, 8, 4, StandardCharsets.US_ASCII))) {
            return Optional.of(HEIC);
        }
        return Optional.empty();
    }

    /** Whether a declared Content-Type names this type (image/heif counts as HEIC, image/jpg as JPEG). */
    public boolean matches(String declared) {
        String type = declared.toLowerCase().split(";")[0].trim();
        return type.equals(mediaType) || (this == JPEG && type.equals("image/jpg"))
                || (this == HEIC && type.equals("image/heif"));
    }

    private static boolean startsWith(byte[] content, int offset, byte[] prefix) {
        return content.length >= offset + prefix.length
                && Arrays.equals(content, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
