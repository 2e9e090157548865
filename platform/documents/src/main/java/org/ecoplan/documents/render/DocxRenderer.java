package org.ecoplan.documents.render;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.util.Units;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.ecoplan.documents.Document;
import org.ecoplan.documents.Document.Block;
import org.ecoplan.documents.Document.ChartBlock;
import org.ecoplan.documents.Document.Heading;
import org.ecoplan.documents.Document.Note;
import org.ecoplan.documents.Document.Paragraph;
import org.ecoplan.documents.Document.Table;
import org.ecoplan.documents.chart.ChartPainter;
import org.ecoplan.documents.chart.PngCanvas;

/**
 * A document as an editable Word document (officials revise and stamp it before it goes out): real paragraphs and
 * tables, charts as PNG pictures, Chinese official fonts named (方正小标宋 for the title, 仿宋 for the text, 黑体
 * for headings) so that Word on an office PC shows it in the usual style.
 */
public final class DocxRenderer {

    private static final String TITLE_FONT = "方正小标宋简体";
    private static final String BODY_FONT = "仿宋_GB2312";
    private static final String HEADING_FONT = "黑体";
    /** Picture width on an A4 page with 2.5 cm margins, in points. */
    private static final int PICTURE_WIDTH_PT = 440;

    private DocxRenderer() {
    }

    public static byte[] docx(Document document) {
        try (XWPFDocument word = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            word.getProperties().getCoreProperties().setTitle(document.title() + document.subtitle());
            word.getProperties().getCoreProperties().setCreator(document.issuer());
            paragraph(word, document.title(), TITLE_FONT, 22, true, ParagraphAlignment.CENTER);
            paragraph(word, document.subtitle(), BODY_FONT, 16, false, ParagraphAlignment.CENTER);
            XWPFParagraph issuer = paragraph(word, document.issuer() + "　　　　" + document.issuedOn(), BODY_FONT, 14, false,
                    ParagraphAlignment.CENTER);
            issuer.setBorderBottom(org.apache.poi.xwpf.usermodel.Borders.THICK);
            for (Block block : document.blocks()) {
                if (block instanceof Heading heading) {
                    paragraph(word, heading.text(), HEADING_FONT, 16, false, ParagraphAlignment.LEFT);
                } else if (block instanceof Paragraph text) {
                    paragraph(word, text.text(), BODY_FONT, 14, false, ParagraphAlignment.BOTH).setIndentationFirstLine(560);
                } else if (block instanceof Note note) {
                    paragraph(word, note.text(), BODY_FONT, 10, false, ParagraphAlignment.LEFT);
                } else if (block instanceof ChartBlock chart) {
                    picture(word, chart);
                } else if (block instanceof Table table) {
                    table(word, table);
                }
            }
            word.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static XWPFParagraph paragraph(XWPFDocument word, String text, String font, int size, boolean bold,
            ParagraphAlignment alignment) {
        XWPFParagraph paragraph = word.createParagraph();
        paragraph.setAlignment(alignment);
        XWPFRun run = paragraph.createRun();
        font(run, font, size);
        run.setBold(bold);
        run.setText(text);
        return paragraph;
    }

    private static void font(XWPFRun run, String font, int size) {
        run.setFontFamily(font, XWPFRun.FontCharRange.eastAsia);
        run.setFontFamily("Times New Roman", XWPFRun.FontCharRange.ascii);
        run.setFontFamily("Times New Roman", XWPFRun.FontCharRange.hAnsi);
        run.setFontSize(size);
    }

    private static void picture(XWPFDocument word, ChartBlock chart) {
        byte[] png = PngCanvas.png(chart.chart());
        XWPFParagraph paragraph = word.createParagraph();
        paragraph.setAlignment(ParagraphAlignment.CENTER);
        int height = PICTURE_WIDTH_PT * ChartPainter.height(chart.chart()) / ChartPainter.WIDTH;
        try {
            paragraph.createRun().addPicture(new ByteArrayInputStream(png), XWPFDocument.PICTURE_TYPE_PNG,
                    chart.chart().id() + ".png", Units.toEMU(PICTURE_WIDTH_PT), Units.toEMU(height));
        } catch (InvalidFormatException | IOException e) {
            throw new IllegalStateException("Chart " + chart.chart().id() + " cannot be added", e);
        }
        paragraph(word, chart.chart().title(), BODY_FONT, 10, false, ParagraphAlignment.CENTER);
    }

    private static void table(XWPFDocument word, Table table) {
        paragraph(word, table.caption(), HEADING_FONT, 11, false, ParagraphAlignment.CENTER);
        XWPFTable grid = word.createTable(table.rows().size() + 1, table.header().size());
        grid.setWidth("100%");
        row(grid.getRow(0), table.header(), null, true);
        for (int i = 0; i < table.rows().size(); i++) {
            row(grid.getRow(i + 1), table.rows().get(i), table.numeric(), false);
        }
        if (table.widths() != null) {
            for (XWPFTableRow row : grid.getRows()) {
                for (int i = 0; i < table.widths().size(); i++) {
                    row.getCell(i).setWidth(table.widths().get(i) + "%");
                }
            }
        }
        grid.getCTTbl().getTblPr().addNewTblLayout().setType(org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblLayoutType.AUTOFIT);
        word.createParagraph();
    }

    private static void row(XWPFTableRow row, List<String> cells, List<Boolean> numeric, boolean header) {
        if (header) {
            row.setRepeatHeader(true);
        }
        for (int i = 0; i < cells.size(); i++) {
            XWPFTableCell cell = row.getCell(i);
            XWPFParagraph paragraph = cell.getParagraphs().get(0);
            paragraph.setAlignment(header ? ParagraphAlignment.CENTER
                    : numeric != null && numeric.get(i) ? ParagraphAlignment.RIGHT : ParagraphAlignment.LEFT);
            XWPFRun run = paragraph.createRun();
            font(run, header ? HEADING_FONT : BODY_FONT, 10);
            run.setText(cells.get(i));
            if (header) {
                cell.setColor("EEEEEE");
            }
        }
        row.setCantSplitRow(true);
    }
}
