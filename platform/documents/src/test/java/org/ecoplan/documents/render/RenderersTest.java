package org.ecoplan.documents.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.ecoplan.documents.Document;
import org.ecoplan.documents.Document.ChartBlock;
import org.ecoplan.documents.Document.Heading;
import org.ecoplan.documents.Document.Note;
import org.ecoplan.documents.Document.Paragraph;
import org.ecoplan.documents.Document.Table;
import org.ecoplan.documents.chart.Chart;
import org.ecoplan.documents.chart.Chart.Orientation;
import org.ecoplan.documents.chart.Chart.Series;
import org.junit.jupiter.api.Test;

/**
 * The three forms of one small document, without a service: the same words in each, Word tables and pictures as
 * Word objects, the PDF's Chinese as text in the embedded CJK font, the HTML's chart as SVG and its text escaped.
 */
class RenderersTest {

    private static final Document DOCUMENT = new Document("测试文书", "（第1期）", "区生态环境局", "2026年12月1日", "test",
            List.of(new Heading(1, "一、概况"), new Paragraph("本期共<3>项 & 更多。"),
                    new Table("t", "表1 数量", List.of("单位", "数量"), List.of(List.of("区住房城乡建设委", "35"), List.of("区城市管理委", "7")),
                            List.of(false, true)),
                    new ChartBlock(new Chart("c", "逐月数值", Orientation.VERTICAL, false, "个", List.of("1月", "2月"),
                            List.of(new Series("今年", "#c62828", List.of(3.0, 5.0), false)), 4.0, "目标", 0)),
                    new Note("注：数据为示例。")));

    @Test
    void wordHasTheTextTheTableCellsAndTheChartAsAPicture() throws Exception {
        try (XWPFDocument word = new XWPFDocument(new ByteArrayInputStream(DocxRenderer.docx(DOCUMENT)))) {
            assertThat(word.getParagraphs().stream().map(p -> p.getText()).toList())
                    .contains("测试文书", "一、概况", "本期共<3>项 & 更多。", "表1 数量", "注：数据为示例。");
            assertThat(word.getTables()).hasSize(1);
            assertThat(word.getTables().get(0).getRows().stream()
                    .map(row -> row.getTableCells().stream().map(XWPFTableCell::getText).toList()).toList())
                    .containsExactly(List.of("单位", "数量"), List.of("区住房城乡建设委", "35"), List.of("区城市管理委", "7"));
            assertThat(word.getAllPictures()).hasSize(1);
        }
    }

    @Test
    void pdfCarriesTheChineseAsTextInTheEmbeddedFont() throws Exception {
        try (PDDocument pdf = Loader.loadPDF(PdfRenderer.pdf(DOCUMENT))) {
            String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", "");
            assertThat(text).contains("测试文书", "一、概况", "本期共<3>项&更多。", "区住房城乡建设委35", "注：数据为示例。");
            PDPage first = pdf.getPage(0);
            boolean embedded = false;
            for (var name : first.getResources().getFontNames()) {
                PDFont font = first.getResources().getFont(name);
                embedded |= font.isEmbedded() && font.getName().contains("WenQuanYi");
            }
            assertThat(embedded).as("the CJK font is embedded").isTrue();
        }
    }

    @Test
    void htmlEscapesTheTextAndDrawsTheChartAsSvgWithoutScript() {
        String html = HtmlRenderer.html(DOCUMENT, false);
        assertThat(html).contains("<h1>测试文书</h1>", "本期共&lt;3&gt;项 &amp; 更多。", "<td>区住房城乡建设委</td>", "<svg")
                .doesNotContain("<script", "本期共<3>");
        assertThat(HtmlRenderer.html(DOCUMENT, true)).contains("data:image/png;base64,").doesNotContain("<svg");
    }
}
