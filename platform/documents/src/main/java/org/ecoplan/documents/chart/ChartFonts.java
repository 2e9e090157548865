package org.ecoplan.documents.chart;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The CJK font every rendering uses, read from the classpath (a font jar from Maven Central, see the README), never
 * from the system: a fresh machine has no Chinese font. Without it, drawing falls back to Java's logical font.
 */
public final class ChartFonts {

    /** The font inside its jar (com.anji-plus:captcha, see the POM). */
    public static final String RESOURCE = "/fonts/WenQuanZhengHei.ttf";
    public static final String CSS_FAMILY = "'WenQuanYi Zen Hei','Noto Sans SC','Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif";

    private static volatile Font awt;
    private static volatile byte[] bytes;

    private ChartFonts() {
    }

    /** The font's bytes (read once: 12 MB), or {@code null} when it is not on the classpath. */
    public static byte[] bytes() {
        byte[] read = bytes;
        if (read == null) {
            try (InputStream in = ChartFonts.class.getResourceAsStream(RESOURCE)) {
                read = in == null ? new byte[0] : in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bytes = read;
        }
        return read.length == 0 ? null : read;
    }

    public static Font awt() {
        Font font = awt;
        if (font == null) {
            synchronized (ChartFonts.class) {
                font = awt;
                if (font == null) {
                    font = load();
                    awt = font;
                }
            }
        }
        return font;
    }

    private static Font load() {
        byte[] font = bytes();
        try {
            if (font != null) {
                return Font.createFont(Font.TRUETYPE_FONT, new java.io.ByteArrayInputStream(font));
            }
        } catch (IOException | FontFormatException e) {
            throw new IllegalStateException("The documents' font " + RESOURCE + " cannot be read", e);
        }
        return new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    }
}
