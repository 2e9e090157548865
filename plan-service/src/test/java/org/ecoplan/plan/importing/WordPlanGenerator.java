package org.ecoplan.plan.importing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFootnote;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblGrid;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STMerge;

/**
 * Builds the Word document (.docx) of a plan from its text export, for the tests. <b>The text is the source of
 * truth</b>: every attachment heading, title line and cell line of the text ends up in the document, so that the
 * document must load to exactly the catalogue the text loads to ({@code WordImportTest}).
 *
 * <h2>What it writes, and why</h2>
 * The generator writes what district offices' Word files contain, so that the reader is tested on it:
 * <ul>
 *   <li>a paragraph {@code 附件N}, the title paragraphs and one table per attachment, on a grid of as many columns as
 *       the header row has cells;</li>
 *   <li>each line of a cell as a paragraph (an empty line as an empty paragraph), except that in 附件3 the lines of
 *       the department cells are joined by line breaks ({@code w:br}) inside one paragraph, as typed with
 *       Shift+Enter;</li>
 *   <li>a 6-cell row's first department cell spanning 牵头部门 and 主责单位 ({@code w:gridSpan="2"}), a one-cell
 *       section row spanning the whole table;</li>
 *   <li>the header row marked to repeat on every page ({@code w:tblHeader}), and at each page break of the original
 *       (where the text repeats the task number and name) a physical copy of the header row, as documents converted
 *       from PDF or pasted from other files have it;</li>
 *   <li><b>vertically merged task cells</b>: 序号 and 重点任务 of a task's first row start a merge
 *       ({@code w:vMerge="restart"}) that its further measure rows continue ({@code <w:vMerge/>}, empty), as offices
 *       lay out a task over its measures; a task repeated after a page break starts a new merge;</li>
 *   <li><b>vertically merged deadline cells</b>: within a task, a 完成时限 equal to the row above continues that cell's
 *       merge instead of repeating the text;</li>
 *   <li>a real footnote (with its mark in the text) on the first cell that {@link Options#footnoteAfter} names, and a
 *       stray empty paragraph after the text of every 工作措施 cell of 附件2.</li>
 * </ul>
 * Options turn these off one by one; {@link Options#tamper} changes the finished document for damaged variants.
 */
final class WordPlanGenerator {

    /**
     * @param mergeTaskCells     vMerge the 序号 and 重点任务 cells of a task over its measure rows
     * @param mergeEqualDeadlines vMerge a 完成时限 cell with the one above when the text is the same (same task)
     * @param repeatHeaders      copy the header row (marked tblHeader) before each row that starts a new page
     * @param softBreaksIn       the attachment whose department cells use line breaks instead of paragraphs (0: none)
     * @param strayParagraphsIn  the attachment whose 工作措施 cells get a trailing empty paragraph (0: none)
     * @param footnoteAfter      the cell text (a whole line) that gets a footnote mark after it; null for none
     * @param tamper             changes the finished document (for damaged variants); null for none
     */
    record Options(boolean mergeTaskCells, boolean mergeEqualDeadlines, boolean repeatHeaders, int softBreaksIn,
            int strayParagraphsIn, String footnoteAfter, Consumer<XWPFDocument> tamper) {

        /** Everything real Word files do, as described on the class. */
        static Options realistic() {
            return new Options(true, true, true, 3, 2, "26微克/立方米", null);
        }

        /** One table cell per text cell, nothing merged or repeated: the text export's own shape. */
        static Options plain() {
            return new Options(false, false, false, 0, 0, null, null);
        }

        Options tampered(Consumer<XWPFDocument> change) {
            return new Options(mergeTaskCells, mergeEqualDeadlines, repeatHeaders, softBreaksIn, strayParagraphsIn,
                    footnoteAfter, change);
        }
    }

    private final Options options;
    private XWPFDocument document;
    private boolean footnoteWritten;

    private WordPlanGenerator(Options options) {
        this.options = options;
    }

    /** The .docx of the text, with everything real Word files do. */
    static byte[] fromText(String text) {
        return fromText(text, Options.realistic());
    }

    static byte[] fromText(String text, Options options) {
        return new WordPlanGenerator(options).generate(text);
    }

    private byte[] generate(String text) {
        try (XWPFDocument created = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document = created;
            for (TableText.Attachment attachment : TableText.split(text)) {
                if (attachment.number() > 0) {
                    document.createParagraph().createRun().setText("附件" + attachment.number());
                }
                for (String title : attachment.titleLines()) {
                    document.createParagraph().createRun().setText(title);
                }
                if (!attachment.rows().isEmpty()) {
                    writeTable(attachment);
                }
            }
            if (options.tamper() != null) {
                options.tamper().accept(document);
            }
            document.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeTable(TableText.Attachment attachment) {
        List<TableText.Row> rows = attachment.rows();
        int columns = rows.get(0).cells().size();
        XWPFTable table = document.createTable();
        table.removeRow(0);
        CTTblGrid grid = table.getCTTbl().getTblGrid() != null ? table.getCTTbl().getTblGrid()
                : table.getCTTbl().addNewTblGrid();
        while (grid.sizeOfGridColArray() > 0) {
            grid.removeGridCol(0);
        }
        for (int column = 0; column < columns; column++) {
            grid.addNewGridCol().setW(BigInteger.valueOf(column == 2 ? 4000 : 1300));
        }
        boolean planTable = columns == 7;
        String lastTaskNumber = null;
        for (int index = 0; index < rows.size(); index++) {
            TableText.Row row = rows.get(index);
            List<TableText.Cell> cells = row.cells();
            boolean measureRow = planTable && (cells.size() == 6 || cells.size() == 7);
            boolean taskRow = measureRow && !cells.get(0).isEmpty();
            boolean continuation = measureRow && cells.get(0).isEmpty() && cells.get(1).isEmpty();
            if (index > 0 && taskRow && cells.get(0).joined().equals(lastTaskNumber) && options.repeatHeaders()) {
                // The text repeats a task's number and name at the top of a page: Word's page break.
                writeRow(table, rows.get(0), columns, attachment.number(), true, null);
            }
            if (taskRow) {
                lastTaskNumber = cells.get(0).joined();
            } else if (!measureRow) {
                lastTaskNumber = null;
            }
            TableText.Row next = index + 1 < rows.size() ? rows.get(index + 1) : null;
            boolean nextContinues = next != null && (next.cells().size() == 6 || next.cells().size() == 7)
                    && next.cells().get(0).isEmpty() && next.cells().get(1).isEmpty();
            Merge merge = new Merge(
                    options.mergeTaskCells() && taskRow && nextContinues,
                    options.mergeTaskCells() && continuation,
                    options.mergeEqualDeadlines() && continuation && sameDeadline(rows.get(index - 1), row),
                    options.mergeEqualDeadlines() && measureRow && nextContinues && sameDeadline(row, next)
                            && !(continuation && sameDeadline(rows.get(index - 1), row)));
            writeRow(table, row, columns, attachment.number(), index == 0, measureRow ? merge : null);
        }
        // Word needs a paragraph between two tables, or it joins them.
        document.createParagraph();
    }

    private static boolean sameDeadline(TableText.Row above, TableText.Row row) {
        return (above.cells().size() == 6 || above.cells().size() == 7) && !row.cells().get(3).isEmpty()
                && above.cells().get(3).raw().equals(row.cells().get(3).raw());
    }

    /** Which vertical merges a measure row starts or continues. */
    private record Merge(boolean startTask, boolean continueTask, boolean continueDeadline, boolean startDeadline) {
    }

    private void writeRow(XWPFTable table, TableText.Row textRow, int columns, int attachment, boolean header,
            Merge merge) {
        XWPFTableRow row = table.insertNewTableRow(table.getNumberOfRows());
        if (header) {
            row.setRepeatHeader(true);
        }
        List<TableText.Cell> cells = textRow.cells();
        for (int index = 0; index < cells.size(); index++) {
            XWPFTableCell cell = row.addNewTableCell();
            CTTcPr properties = cell.getCTTc().isSetTcPr() ? cell.getCTTc().getTcPr() : cell.getCTTc().addNewTcPr();
            int span = cells.size() == 1 ? columns : cells.size() == columns - 1 && index == 4 ? 2 : 1;
            if (span > 1) {
                properties.addNewGridSpan().setVal(BigInteger.valueOf(span));
            }
            boolean continues = false;
            if (merge != null && index < 2) {
                if (merge.startTask()) {
                    properties.addNewVMerge().setVal(STMerge.RESTART);
                } else if (merge.continueTask()) {
                    properties.addNewVMerge();
                    continues = true;
                }
            } else if (merge != null && index == 3) {
                if (merge.continueDeadline()) {
                    properties.addNewVMerge();
                    continues = true;
                } else if (merge.startDeadline()) {
                    properties.addNewVMerge().setVal(STMerge.RESTART);
                }
            }
            if (!continues) {
                boolean departmentCell = index >= 4 && cells.size() >= 6;
                writeLines(cell, cells.get(index).lines(), departmentCell && attachment == options.softBreaksIn());
                if (index == 2 && cells.size() >= 6 && attachment == options.strayParagraphsIn()) {
                    cell.addParagraph();
                }
            }
        }
    }

    private void writeLines(XWPFTableCell cell, List<String> lines, boolean softBreaks) {
        XWPFParagraph paragraph = cell.getParagraphs().get(0);
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            if (index > 0) {
                if (softBreaks) {
                    paragraph.createRun().addBreak();
                } else {
                    paragraph = cell.addParagraph();
                }
            }
            if (!line.isEmpty()) {
                XWPFRun run = paragraph.createRun();
                run.setText(line);
                if (!footnoteWritten && Objects.equals(line, options.footnoteAfter())) {
                    addFootnote(paragraph, "以市级下达目标为准。");
                    footnoteWritten = true;
                }
            }
        }
    }

    private void addFootnote(XWPFParagraph paragraph, String noteText) {
        XWPFFootnote note = document.createFootnote();
        note.createParagraph().createRun().setText(noteText);
        XWPFRun mark = paragraph.createRun();
        mark.setSubscript(org.apache.poi.xwpf.usermodel.VerticalAlign.SUPERSCRIPT);
        mark.getCTR().addNewFootnoteReference().setId(note.getCTFtnEdn().getId());
    }
}
