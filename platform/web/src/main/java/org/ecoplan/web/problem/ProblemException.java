package org.ecoplan.web.problem;

import java.util.List;

/**
 * Thrown by services and resources to answer with a problem; the single mapper in {@link ProblemMappers}
 * turns it into {@code application/problem+json}. Messages may carry English and Chinese text.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<Problem.FieldProblem> errors;

    public ProblemException(ProblemType type, String detail, List<Problem.FieldProblem> errors) {
        super(detail);
        this.type = type;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ProblemType type() {
        return type;
    }

    public List<Problem.FieldProblem> errors() {
        return errors;
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(ProblemType.NOT_FOUND, what + " " + id + " does not exist / 不存在");
    }

    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(ProblemType.VALIDATION, field + ": " + message,
                List.of(new Problem.FieldProblem(field, message)));
    }

    public static ProblemException unprocessable(String detail, List<Problem.FieldProblem> errors) {
        return new ProblemException(ProblemType.UNPROCESSABLE, detail, errors);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(ProblemType.CONFLICT, detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(ProblemType.FORBIDDEN, detail);
    }
}
