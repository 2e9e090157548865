package org.ecoplan.plan.importing;

import java.util.List;

import org.ecoplan.catalogue.contract.AssignmentRole;

/**
 * A work measure (工作措施) of a key task.
 *
 * @param position    1-based position within the task, in document order
 * @param text        the measure text, paragraphs joined with "\n"
 * @param deadline    the parsed 完成时限; null only when the document's form is unknown (an ERROR problem says so)
 * @param assignments the departments and groups, ordered by column (LEAD, RESPONSIBLE, ASSISTING) then position
 * @param raw         the row's cells as written
 * @param sourceLine  1-based line of the row in the document
 * @param timingHints further timing the text mentions (每月, 每季度, 3-5月为重点, 每年5月底前, …), in order of appearance
 */
public record ParsedMeasure(int position, String text, ParsedDeadline deadline, List<ParsedAssignment> assignments,
                            RawRow raw, int sourceLine, List<String> timingHints) {

    public ParsedMeasure {
        assignments = List.copyOf(assignments);
        timingHints = List.copyOf(timingHints);
    }

    public List<ParsedAssignment> assignments(AssignmentRole role) {
        return assignments.stream().filter(assignment -> assignment.role() == role).toList();
    }
}
