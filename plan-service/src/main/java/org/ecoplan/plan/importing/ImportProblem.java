package org.ecoplan.plan.importing;

/**
 * Something the parser could not read as the format says.
 *
 * @param line     1-based source line (0 when the problem concerns the whole document)
 * @param severity ERROR when the structure is broken or a value would have to be guessed; WARNING when the value
 *                 was imported as written but deserves a look (e.g. a department the registry does not know)
 * @param message  what is wrong, in English, quoting the document
 */
public record ImportProblem(int line, Severity severity, String message) {

    public enum Severity {
        ERROR, WARNING
    }

    static ImportProblem error(int line, String message) {
        return new ImportProblem(line, Severity.ERROR, message);
    }

    static ImportProblem warning(int line, String message) {
        return new ImportProblem(line, Severity.WARNING, message);
    }
}
