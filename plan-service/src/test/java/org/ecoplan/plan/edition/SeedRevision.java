package org.ecoplan.plan.edition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a revised edition (修订稿) out of the seed text by row operations on its table rows, the way an office revises
 * its draft: change a measure's text, deadline or departments, move a row, remove one, add one. The text export's
 * rows are the lines from a cell line that follows an empty line up to the next such line (see {@code TableText}).
 * Each operation finds its row by a piece of text that must occur in exactly one row, so that a seed that changed
 * under the test fails loudly instead of editing the wrong row.
 */
final class SeedRevision {

    private final List<String> lines;

    private SeedRevision(String text) {
        this.lines = new ArrayList<>(List.of(text.split("\n", -1)));
    }

    static SeedRevision ofSeed() {
        try {
            return new SeedRevision(Files.readString(Path.of("../seeds/000_81ef91949f25cf71.txt"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String seedText() {
        return ofSeed().text();
    }

    String text() {
        return String.join("\n", lines);
    }

    /** Replaces text inside the one row that contains it. */
    SeedRevision replaceInRow(String rowText, String from, String to) {
        int[] row = row(rowText);
        int changed = 0;
        for (int index = row[0]; index < row[1]; index++) {
            if (lines.get(index).contains(from)) {
                lines.set(index, lines.get(index).replace(from, to));
                changed++;
            }
        }
        if (changed != 1) {
            throw new IllegalStateException("'" + from + "' occurs " + changed + " times in the row of '" + rowText + "'");
        }
        return this;
    }

    /** Replaces a whole line (a cell or one name of it) in the one row that contains rowText. */
    SeedRevision replaceLineInRow(String rowText, String line, String replacement) {
        int[] row = row(rowText);
        for (int index = row[0]; index < row[1]; index++) {
            if (lines.get(index).equals(line)) {
                lines.set(index, replacement);
                return this;
            }
        }
        throw new IllegalStateException("no line '" + line + "' in the row of '" + rowText + "'");
    }

    SeedRevision removeRow(String rowText) {
        int[] row = row(rowText);
        // the row and the empty line before it
        lines.subList(row[0] - 1, row[1]).clear();
        return this;
    }

    /** Moves the row of rowText to just after the row of anchorText: it becomes a further measure of that task. */
    SeedRevision moveRowAfter(String rowText, String anchorText) {
        int[] row = row(rowText);
        List<String> block = new ArrayList<>(lines.subList(row[0] - 1, row[1]));
        lines.subList(row[0] - 1, row[1]).clear();
        int[] anchor = row(anchorText);
        lines.addAll(anchor[1], block);
        return this;
    }

    /** Adds a further measure (a row whose 序号 and 重点任务 are empty) after the row of anchorText. */
    SeedRevision addRowAfter(String anchorText, String... cells) {
        int[] anchor = row(anchorText);
        List<String> block = new ArrayList<>();
        block.add("");
        block.add("\t");
        block.add("\t");
        for (String cell : cells) {
            block.add("\t" + cell);
        }
        lines.addAll(anchor[1], block);
        return this;
    }

    /** Replaces text that occurs exactly once in the whole document (e.g. an indicator's target, the titles). */
    SeedRevision replaceOnce(String from, String to) {
        String text = text();
        int first = text.indexOf(from);
        if (first < 0 || text.indexOf(from, first + 1) >= 0) {
            throw new IllegalStateException("'" + from + "' does not occur exactly once");
        }
        lines.clear();
        lines.addAll(List.of(text.replace(from, to).split("\n", -1)));
        return this;
    }

    SeedRevision replaceAll(String from, String to) {
        String text = text();
        lines.clear();
        lines.addAll(List.of(text.replace(from, to).split("\n", -1)));
        return this;
    }

    /** An empty line that is no cell (an empty cell is a line with just a TAB). */
    private static boolean separator(String line) {
        return line.isBlank() && !line.startsWith("\t");
    }

    /** [first line, end) of the one table row containing the text. */
    private int[] row(String text) {
        int[] found = null;
        int start = -1;
        for (int index = 0; index <= lines.size(); index++) {
            boolean rowStart = index < lines.size() && lines.get(index).startsWith("\t")
                    && (index == 0 || separator(lines.get(index - 1)));
            boolean boundary = index == lines.size() || rowStart
                    || (index < lines.size() && lines.get(index).strip().matches("附件\\s*\\d+"));
            if (boundary && start >= 0) {
                int end = index;
                while (end > start && separator(lines.get(end - 1))) {
                    end--;
                }
                if (String.join("\n", lines.subList(start, end)).contains(text)) {
                    if (found != null) {
                        throw new IllegalStateException("'" + text + "' is in more than one row");
                    }
                    found = new int[] {start, end};
                }
                start = -1;
            }
            if (rowStart) {
                start = index;
            }
        }
        if (found == null) {
            throw new IllegalStateException("no row contains '" + text + "'");
        }
        return found;
    }
}
