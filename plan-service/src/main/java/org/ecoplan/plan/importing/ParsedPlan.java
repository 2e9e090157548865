package org.ecoplan.plan.importing;

import java.util.List;
import java.util.Optional;

/**
 * One plan table (附件1-3).
 *
 * @param attachment the 附件 number
 * @param title      the plan's title without the edition suffix, e.g. 持续污染防治攻坚2026年行动计划
 * @param sections   the level-1 sections in document order
 */
public record ParsedPlan(int attachment, String title, List<ParsedSection> sections) {

    public ParsedPlan {
        sections = List.copyOf(sections);
    }

    /** Every key task of the plan in document order. */
    public List<ParsedTask> tasks() {
        return sections.stream().flatMap(section -> section.allTasks().stream()).toList();
    }

    public Optional<ParsedTask> task(int number) {
        return tasks().stream().filter(task -> task.number() == number).findFirst();
    }

    public int measureCount() {
        return tasks().stream().mapToInt(task -> task.measures().size()).sum();
    }
}
