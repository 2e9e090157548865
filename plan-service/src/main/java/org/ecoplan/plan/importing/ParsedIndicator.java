package org.ecoplan.plan.importing;

import java.util.List;

/**
 * A year-end indicator of the indicator table (附件4).
 *
 * @param number      序号
 * @param category    类别; an empty cell in the document continues the category above
 * @param name        指标名称 with line breaks removed
 * @param target      年终目标 as written (26微克/立方米, 80%, 达到市级要求, …)
 * @param lead        牵头部门, each with role LEAD
 * @param cooperating 配合部门, each with role ASSISTING; empty for ——
 * @param raw         the row's cells as written
 * @param sourceLine  1-based line of the row
 */
public record ParsedIndicator(int number, String category, String name, String target, List<ParsedAssignment> lead,
                              List<ParsedAssignment> cooperating, RawIndicatorRow raw, int sourceLine) {

    public ParsedIndicator {
        lead = List.copyOf(lead);
        cooperating = List.copyOf(cooperating);
    }
}
