package org.ecoplan.catalogue.contract;

import java.time.LocalDate;
import java.util.List;

/** A work measure (工作措施) with its deadline and its departments by role. */
public record MeasureState(String id, long revision, String planId, String sectionId, String taskId,
        int year, int taskNumber, int position, String text, Deadline deadline, List<Assignment> assignments,
        List<String> timingHints) implements CatalogueState {

    /**
     * {@code kind} is DATE (due by {@code end}), WINDOW (a seasonal window from {@code start} to {@code end})
     * or ONGOING (长期实施/持续推进: no end, reported on periodically).
     */
    public record Deadline(String kind, LocalDate start, LocalDate end, String label) {
    }
}
