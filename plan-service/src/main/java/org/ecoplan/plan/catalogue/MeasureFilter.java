package org.ecoplan.plan.catalogue;

import java.time.LocalDate;
import java.util.UUID;

import org.ecoplan.catalogue.contract.AssignmentRole;

/**
 * The filters of the measure list; every one is backed by an index. {@code departmentId} matches a measure
 * that names the department itself or a group it belongs to; {@code role} narrows that to one role (or, with
 * no department, to measures that have anyone in that role).
 */
public record MeasureFilter(UUID departmentId, AssignmentRole role, DeadlineKind deadlineKind,
        LocalDate deadlineFrom, LocalDate deadlineTo, UUID planId, UUID sectionId, UUID taskId, String district,
        Integer year, String keyword) {
}
