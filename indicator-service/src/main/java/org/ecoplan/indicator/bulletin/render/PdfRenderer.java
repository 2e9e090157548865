package org.ecoplan.indicator.bulletin.render;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.ecoplan.indicator.bulletin.BulletinDocument;
import org.ecoplan.indicator.bulletin.chart.ChartFonts;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

/**
 * The bulletin as PDF: the same HTML (charts as PNG pictures) laid out by openhtmltopdf on PDFBox, with the bundled
 * CJK font embedded (subset), so the PDF shows Chinese as text on any machine and its text can be searched and copied.
 */
public final class PdfRenderer {

    static final String FAMILY = "BulletinCJK";

    private PdfRenderer() {
    }

    public static byte[] pdf(BulletinDocument document) {
        byte[] font = ChartFonts.bytes();
        if (font == null) {
            throw new IllegalStateException("The bulletin's CJK font " + ChartFonts.RESOURCE + " is not on the classpath");
        }
        String html = HtmlRenderer.html(document, true);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useFont(() -> new ByteArrayInputStream(font), FAMILY, 400, FontStyle.NORMAL, true);
            // The font has one weight: headings in bold use the same glyphs rather than a fallback without Chinese.
            builder.useFont(() -> new ByteArrayInputStream(font), FAMILY, 700, FontStyle.NORMAL, true);
            builder.withHtmlContent(html, null);
            builder.withProducer("EcoPlan indicator-service");
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
