package org.ecoplan.plan.importing;

import java.util.List;

/**
 * A key task (重点任务) with its measures; rows repeated after a page break are merged into it.
 *
 * @param number     the task number as printed (numbering restarts with each attachment)
 * @param name       the task name with the cell's line breaks removed
 * @param measures   the measures in document order
 * @param sourceLine 1-based line of the task's first row
 */
public record ParsedTask(int number, String name, List<ParsedMeasure> measures, int sourceLine) {

    public ParsedTask {
        measures = List.copyOf(measures);
    }
}
