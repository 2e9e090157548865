package org.ecoplan.plan.importing;

import java.util.ArrayList;
import java.util.List;

/**
 * A section (一、…, level 1) or subsection (（一）…, level 2) of a plan table.
 *
 * @param label       "一" for a section, "（一）" for a subsection
 * @param title       the text after the label
 * @param level       1 for a section, 2 for a subsection
 * @param subsections a section's subsections (always empty for a subsection)
 * @param tasks       tasks directly under this section or subsection
 * @param sourceLine  1-based line of the section row
 */
public record ParsedSection(String label, String title, int level, List<ParsedSection> subsections,
                            List<ParsedTask> tasks, int sourceLine) {

    public ParsedSection {
        subsections = List.copyOf(subsections);
        tasks = List.copyOf(tasks);
    }

    /** The tasks of this section and its subsections, in document order. */
    public List<ParsedTask> allTasks() {
        List<ParsedTask> all = new ArrayList<>(tasks);
        subsections.forEach(subsection -> all.addAll(subsection.tasks()));
        return List.copyOf(all);
    }
}
