package org.ecoplan.plan.edition;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.ecoplan.catalogue.contract.AssignmentRole;
import org.ecoplan.plan.catalogue.DeadlineKind;

/**
 * One edition of a district's plan as the comparison sees it: its measures, key tasks and indicators with what
 * can change between editions. Built from the catalogue by {@link EditionReader}; compared by {@link EditionComparer}.
 */
public record EditionContent(UUID documentId, String district, int year, String edition, List<TaskItem> tasks,
        List<MeasureItem> measures, List<IndicatorItem> indicators) {

    public EditionContent {
        tasks = List.copyOf(tasks);
        measures = List.copyOf(measures);
        indicators = List.copyOf(indicators);
    }

    /** A key task; {@code key} is unique within the edition (attachment and number). */
    public record TaskItem(UUID id, int attachment, int number, String name) {
    }

    /** A department or group named in a role. */
    public record Named(String code, String name, boolean group, List<String> memberCodes) {

        /** The departments it names: the department, or the group's members. */
        List<String> departmentCodes() {
            return group ? memberCodes : List.of(code);
        }
    }

    public record MeasureItem(UUID id, UUID taskId, int attachment, int taskNumber, String taskName, int position,
            String text, DeadlineKind deadlineKind, LocalDate deadlineStart, LocalDate deadlineEnd,
            String deadlineLabel, Map<AssignmentRole, List<Named>> departments) {

        List<Named> in(AssignmentRole role) {
            return departments.getOrDefault(role, List.of());
        }
    }

    public record IndicatorItem(UUID id, int number, String category, String name, String target, List<Named> lead,
            List<Named> cooperating) {
    }
}
