package org.ecoplan.plan.importing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A plan document's attachments and table cells as its source holds them, before any interpretation: what the
 * text export's TAB conventions or a Word document's tables give. Both go through the same parser rules.
 *
 * @param attachments the attachments in document order
 * @param problems    what the source reader itself found wrong (e.g. cells a Word file merged across the wrong
 *                    columns), before the parser looks at the content
 * @param locator     where a person finds a line of the numbering used in {@code attachments} and in problems
 */
record SourceTables(List<TableText.Attachment> attachments, List<ImportProblem> problems, IntFunction<String> locator) {

    SourceTables {
        attachments = List.copyOf(attachments);
        problems = List.copyOf(problems);
    }

    static SourceTables ofText(String text) {
        return new SourceTables(TableText.split(text), List.of(), line -> "line " + line);
    }

    /** The problem with its place in the source named. */
    ImportProblem locate(ImportProblem problem) {
        return problem.locatedAt(problem.line() <= 0 ? "document" : locator.apply(problem.line()));
    }

    /**
     * SHA-256 of the content alone: attachment numbers, title lines and every cell's text as written, in order.
     * A text export and a Word document with the same tables have the same content checksum, as do two saves of
     * one Word document (whose bytes differ by their timestamps); line numbers and layout (header rows repeated on a
     * page) do not count.
     */
    String contentChecksum() {
        StringBuilder content = new StringBuilder("ecoplan-tables-v1\n");
        for (TableText.Attachment attachment : attachments) {
            content.append('\u001d').append(attachment.number()).append('\n');
            attachment.titleLines().forEach(title -> content.append(title).append('\n'));
            List<String> header = attachment.rows().isEmpty() ? List.of()
                    : PlanDocumentParser.cellTexts(attachment.rows().get(0));
            for (int index = 0; index < attachment.rows().size(); index++) {
                TableText.Row row = attachment.rows().get(index);
                if (index > 0 && PlanDocumentParser.cellTexts(row).equals(header)) {
                    continue; // a header row repeated on a page is layout, as the parser reads it
                }
                content.append('\u001e');
                row.cells().forEach(cell -> content.append('\u001f').append(cell.raw()));
            }
        }
        return sha256(content.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
