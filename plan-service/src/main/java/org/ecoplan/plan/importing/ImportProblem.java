package org.ecoplan.plan.importing;

/**
 * Something the parser could not read as the format says.
 *
 * @param line     1-based source line (0 when the problem concerns the whole document); for a Word document a
 *                 position in the reader's numbering of paragraphs, which {@code location} translates
 * @param severity ERROR when the structure is broken or a value would have to be guessed; WARNING when the value
 *                 was imported as written but deserves a look (e.g. a department the registry does not know)
 * @param message  what is wrong, in English, quoting the document
 * @param location where a person finds it in the source: {@code line 412} in a text export, {@code 附件1 table 1
 *                 row 12 column 4 (完成时限)} in a Word document; {@code null} until the import locates it
 */
public record ImportProblem(int line, Severity severity, String message, String location) {

    public enum Severity {
        ERROR, WARNING
    }

    public ImportProblem(int line, Severity severity, String message) {
        this(line, severity, message, null);
    }

    static ImportProblem error(int line, String message) {
        return new ImportProblem(line, Severity.ERROR, message);
    }

    static ImportProblem warning(int line, String message) {
        return new ImportProblem(line, Severity.WARNING, message);
    }

    ImportProblem locatedAt(String where) {
        return new ImportProblem(line, severity, message, where);
    }
}
