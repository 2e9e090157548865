package org.ecoplan.documents;

import java.util.List;

import org.ecoplan.documents.chart.Chart;

/**
 * A document people read (the monthly bulletin, an episode's assessment) as a sequence of blocks, made once from the
 * figures by the service's template; the HTML, .docx and PDF renderers only lay these blocks out, so the three forms
 * say the same words and numbers.
 */
public record Document(String title, String subtitle, String issuer, String issuedOn, String fileName,
        List<Block> blocks) {

    public sealed interface Block permits Heading, Paragraph, Table, ChartBlock, Note {
    }

    /** @param level 1 = 一、二、…; 2 = （一）（二）… */
    public record Heading(int level, String text) implements Block {
    }

    public record Paragraph(String text) implements Block {
    }

    /**
     * @param numeric per column: right-aligned numbers
     * @param widths  per column, percent of the page's width; {@code null}: as the content needs
     */
    public record Table(String id, String caption, List<String> header, List<List<String>> rows, List<Boolean> numeric,
            List<Integer> widths) implements Block {

        public Table(String id, String caption, List<String> header, List<List<String>> rows, List<Boolean> numeric) {
            this(id, caption, header, rows, numeric, null);
        }
    }

    public record ChartBlock(Chart chart) implements Block {
    }

    /** A footnote (注), e.g. the date a month's data was corrected. */
    public record Note(String text) implements Block {
    }
}
