package org.ecoplan.documents.render;

import static org.ecoplan.documents.chart.SvgCanvas.escape;

import java.util.Base64;

import org.ecoplan.documents.Document;
import org.ecoplan.documents.Document.Block;
import org.ecoplan.documents.Document.ChartBlock;
import org.ecoplan.documents.Document.Heading;
import org.ecoplan.documents.Document.Note;
import org.ecoplan.documents.Document.Paragraph;
import org.ecoplan.documents.Document.Table;
import org.ecoplan.documents.chart.ChartFonts;
import org.ecoplan.documents.chart.PngCanvas;
import org.ecoplan.documents.chart.SvgCanvas;

/**
 * A document as one self-contained HTML page: charts inline as SVG (no script), styles inline, printable (A4).
 * {@code forPdf}: the charts as PNG data URIs (the PDF renderer draws no SVG) and the bundled font by name.
 */
public final class HtmlRenderer {

    private HtmlRenderer() {
    }

    public static String html(Document document, boolean forPdf) {
        boolean pngCharts = forPdf;
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"/><title>").append(escape(document.title()))
                .append(escape(document.subtitle())).append("</title><style>")
                .append("@page{size:A4;margin:20mm 18mm}")
                .append("body{font-family:").append(forPdf ? "'" + PdfRenderer.FAMILY + "'" : ChartFonts.CSS_FAMILY)
                .append(";color:#222;max-width:760px;margin:0 auto;line-height:1.7;font-size:11pt}")
                .append("h1{text-align:center;color:#b71c1c;font-size:20pt;margin:8px 0 0}")
                .append(".subtitle{text-align:center;margin:4px 0}table.issuer{border-bottom:2px solid #b71c1c;margin-bottom:12px;font-size:11pt}table.issuer td{border:none}")
                .append("h2{font-size:14pt;margin:18px 0 6px}p{text-indent:2em;margin:6px 0}")
                .append("table{border-collapse:collapse;width:100%;font-size:9pt;margin:6px 0 12px;page-break-inside:auto}")
                .append("caption{font-weight:bold;margin:4px}th,td{border:1px solid #888;padding:2px 4px;vertical-align:top}")
                .append("th{background:#eee}td.n{text-align:right}tr{page-break-inside:avoid}")
                .append(".chart-box{margin:8px 0;text-align:center}.chart-box img{width:100%}.note{font-size:9pt;color:#555;text-indent:0}")
                .append("</style></head><body>");
        html.append("<h1>").append(escape(document.title())).append("</h1>");
        html.append("<div class=\"subtitle\">").append(escape(document.subtitle())).append("</div>");
        html.append("<table class=\"issuer\"><tr><td>").append(escape(document.issuer()))
                .append("</td><td style=\"text-align:right\">").append(escape(document.issuedOn())).append("</td></tr></table>");
        for (Block block : document.blocks()) {
            if (block instanceof Heading heading) {
                html.append("<h2>").append(escape(heading.text())).append("</h2>");
            } else if (block instanceof Paragraph paragraph) {
                html.append("<p>").append(escape(paragraph.text())).append("</p>");
            } else if (block instanceof Note note) {
                html.append("<p class=\"note\">").append(escape(note.text())).append("</p>");
            } else if (block instanceof ChartBlock chart) {
                html.append("<div class=\"chart-box\">");
                if (pngCharts) {
                    html.append("<img alt=\"").append(escape(chart.chart().title())).append("\" src=\"data:image/png;base64,")
                            .append(Base64.getEncoder().encodeToString(PngCanvas.png(chart.chart()))).append("\"/>");
                } else {
                    html.append(SvgCanvas.svg(chart.chart()));
                }
                html.append("</div>");
            } else if (block instanceof Table table) {
                table(html, table);
            }
        }
        html.append("</body></html>");
        return html.toString();
    }

    private static void table(StringBuilder html, Table table) {
        html.append("<table id=\"").append(escape(table.id())).append('"')
                .append(table.widths() == null ? "" : " style=\"table-layout:fixed\"").append("><caption>")
                .append(escape(table.caption())).append("</caption><thead><tr>");
        for (int i = 0; i < table.header().size(); i++) {
            html.append(table.widths() == null ? "<th>" : "<th style=\"width:" + table.widths().get(i) + "%\">")
                    .append(escape(table.header().get(i))).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        for (var row : table.rows()) {
            html.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                html.append(table.numeric().get(i) ? "<td class=\"n\">" : "<td>").append(escape(row.get(i))).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table>");
    }
}
