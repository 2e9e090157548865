package org.ecoplan.documents.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.ecoplan.documents.Document;
import org.ecoplan.documents.chart.ChartFonts;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

/**
 * A document as PDF: the same HTML (charts as PNG pictures) laid out by openhtmltopdf on PDFBox, with the bundled
 * CJK font embedded (subset), so the PDF shows Chinese as text on any machine and its text can be searched and copied.
 *
 * <p>The 12.8 MB font is parsed once per JVM, not once per document (and weight): parsing it was most of a
 * PDF's time. A parsed {@link TrueTypeFont} reads its glyphs through one shared position, so a document borrows one
 * for its whole rendering; documents rendered at the same time parse another, and at most {@link #KEPT} stay.
 */
public final class PdfRenderer {

    static final String FAMILY = "BulletinCJK";
    /** Parsed fonts kept for the next documents: each holds its own 12.8 MB copy, and a 160 MB heap keeps one. */
    private static final int KEPT = 1;
    private static final BlockingQueue<TrueTypeFont> IDLE = new LinkedBlockingQueue<>();

    private PdfRenderer() {
    }

    public static byte[] pdf(Document document) {
        String html = HtmlRenderer.html(document, true);
        TrueTypeFont ttf = borrow();
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            // One font object for both weights: the font has one, and one subset is embedded instead of two.
            PDFontSupplier font = new PDFontSupplier(PDType0Font.load(pdf, ttf, true));
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.usePDDocument(pdf);
            builder.useFont(font, FAMILY, 400, FontStyle.NORMAL, true);
            // Headings in bold use the same glyphs rather than a fallback without Chinese.
            builder.useFont(font, FAMILY, 700, FontStyle.NORMAL, true);
            builder.withHtmlContent(html, null);
            builder.withProducer("EcoPlan");
            try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
                renderer.layout();
                renderer.createPDFWithoutClosing();
                pdf.save(out);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            giveBack(ttf);
        }
    }

    private static TrueTypeFont borrow() {
        TrueTypeFont idle = IDLE.poll();
        if (idle != null) {
            return idle;
        }
        byte[] font = ChartFonts.bytes();
        if (font == null) {
            throw new IllegalStateException("The documents' CJK font " + ChartFonts.RESOURCE + " is not on the classpath");
        }
        try {
            // Over the bytes read once (ChartFonts): no copy of the 12.8 MB per parse.
            return new TTFParser().parse(new RandomAccessReadBuffer(font));
        } catch (IOException e) {
            throw new UncheckedIOException("The documents' font " + ChartFonts.RESOURCE + " cannot be parsed", e);
        }
    }

    private static void giveBack(TrueTypeFont ttf) {
        if (IDLE.size() < KEPT) {
            IDLE.offer(ttf);
        } else {
            try {
                ttf.close();
            } catch (IOException e) {
                // only a buffer over bytes in memory: nothing to release
            }
        }
    }
}
