package org.ecoplan.plan.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits the text export of the Word tables into attachments, rows and cells, without interpreting them.
 *
 * <p>The export's conventions: a line starting with a TAB starts a cell, other lines continue the open cell, and
 * Word writes an empty line after each table row, so a cell whose line follows an empty line starts a new row
 * (cells of one row follow each other without an empty line; empty lines inside a cell are always followed by
 * more text of that cell, never by a TAB line). A line {@code 附件N} starts an attachment; lines between it and
 * the first cell are the attachment's title.
 */
final class TableText {

    private static final Pattern ATTACHMENT_HEADING = Pattern.compile("附件\\s*(\\d+)");

    /** One 附件: its number, title lines and table rows. Rows before any 附件 heading have number 0. */
    record Attachment(int number, int line, List<String> titleLines, List<Row> rows) {

        String title() {
            return String.join("", titleLines);
        }
    }

    /** A table row; line is the 1-based line of its first cell. */
    record Row(int line, List<Cell> cells) {
    }

    /** A cell: the line it starts on and its lines, the TAB removed, trailing empty lines dropped. */
    record Cell(int line, List<String> lines) {

        /** The text exactly as written, line breaks kept. */
        String raw() {
            return String.join("\n", lines);
        }

        /** Non-empty lines, stripped. */
        List<String> paragraphs() {
            return lines.stream().map(String::strip).filter(line -> !line.isEmpty()).toList();
        }

        /** The paragraphs joined with "\n". */
        String text() {
            return String.join("\n", paragraphs());
        }

        /** The paragraphs run together, for cells whose line breaks are only layout (task and indicator names). */
        String joined() {
            return String.join("", paragraphs());
        }

        boolean isEmpty() {
            return paragraphs().isEmpty();
        }
    }

    private TableText() {
    }

    static List<Attachment> split(String text) {
        List<String> lines = text.lines().toList();
        List<AttachmentBuilder> attachments = new ArrayList<>();
        AttachmentBuilder attachment = null;
        List<Cell> rowCells = null;
        List<String> cellLines = null;
        boolean previousLineEmpty = true;
        for (int index = 0; index < lines.size(); index++) {
            int lineNumber = index + 1;
            String line = index == 0 ? stripByteOrderMark(lines.get(index)) : lines.get(index);
            if (line.startsWith("\t")) {
                trimTrailingEmptyLines(cellLines);
                if (attachment == null) {
                    attachment = new AttachmentBuilder(0, lineNumber);
                    attachments.add(attachment);
                }
                if (rowCells == null || previousLineEmpty) {
                    rowCells = new ArrayList<>();
                    attachment.rows.add(new Row(lineNumber, rowCells));
                }
                cellLines = new ArrayList<>();
                cellLines.add(line.substring(1));
                rowCells.add(new Cell(lineNumber, cellLines));
                previousLineEmpty = false;
                continue;
            }
            Matcher heading = ATTACHMENT_HEADING.matcher(line.strip());
            if (heading.matches()) {
                trimTrailingEmptyLines(cellLines);
                attachment = new AttachmentBuilder(Integer.parseInt(heading.group(1)), lineNumber);
                attachments.add(attachment);
                rowCells = null;
                cellLines = null;
            } else if (cellLines != null) {
                cellLines.add(line);
            } else if (attachment != null && !line.isBlank()) {
                attachment.titleLines.add(line.strip());
            }
            previousLineEmpty = line.isBlank();
        }
        trimTrailingEmptyLines(cellLines);
        return attachments.stream().map(AttachmentBuilder::build).toList();
    }

    private static String stripByteOrderMark(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    private static void trimTrailingEmptyLines(List<String> cellLines) {
        // The row separator is not part of the last cell's text.
        while (cellLines != null && !cellLines.isEmpty() && cellLines.get(cellLines.size() - 1).isBlank()) {
            cellLines.remove(cellLines.size() - 1);
        }
    }

    /** Collects an attachment while the text is read. */
    private static final class AttachmentBuilder {
        final int number;
        final int line;
        final List<String> titleLines = new ArrayList<>();
        final List<Row> rows = new ArrayList<>();

        AttachmentBuilder(int number, int line) {
            this.number = number;
            this.line = line;
        }

        Attachment build() {
            return new Attachment(number, line, List.copyOf(titleLines), rows.stream().map(AttachmentBuilder::frozen).toList());
        }

        private static Row frozen(Row row) {
            return new Row(row.line(), row.cells().stream().map(cell -> new Cell(cell.line(), List.copyOf(cell.lines()))).toList());
        }
    }
}
