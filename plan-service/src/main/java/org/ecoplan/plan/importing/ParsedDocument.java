package org.ecoplan.plan.importing;

import java.util.List;
import java.util.Optional;

/**
 * The whole seed document: the plan tables, the indicator table and everything that could not be read.
 *
 * @param district   e.g. 延庆区: from a title that names it, else the caller's default
 * @param year       the plan year from the titles (2026), 0 when no title names one (an ERROR problem says so)
 * @param edition    e.g. 征求意见稿 when the titles carry it, else null
 * @param plans      附件1-3 in document order
 * @param indicators the indicator table's rows in document order
 * @param problems   ordered by source line
 */
public record ParsedDocument(String district, int year, String edition, List<ParsedPlan> plans,
                             List<ParsedIndicator> indicators, List<ImportProblem> problems) {

    public ParsedDocument {
        plans = List.copyOf(plans);
        indicators = List.copyOf(indicators);
        problems = List.copyOf(problems);
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(problem -> problem.severity() == ImportProblem.Severity.ERROR);
    }

    public List<ImportProblem> errors() {
        return problems.stream().filter(problem -> problem.severity() == ImportProblem.Severity.ERROR).toList();
    }

    public List<ImportProblem> warnings() {
        return problems.stream().filter(problem -> problem.severity() == ImportProblem.Severity.WARNING).toList();
    }

    public Optional<ParsedPlan> plan(int attachment) {
        return plans.stream().filter(plan -> plan.attachment() == attachment).findFirst();
    }
}
