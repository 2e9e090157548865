package org.ecoplan.plan.episode;

import java.util.List;
import org.ecoplan.web.problem.Problem;

/** The CSV form of a duty list, read into the rows {@link DutyListService} checks. */
public final class DutyListImports {

    private DutyListImports() {
    }

    public record Parsed(List<DutyRow> rows, List<Problem.FieldProblem> errors) {
    }

    public static Parsed csv(byte[] bytes) {
        DutyCsvReader.Result result = DutyCsvReader.read(bytes);
        return new Parsed(result.rows(), result.errors());
    }
}
