package org.ecoplan.catalogue.contract;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A work measure (工作措施) with its deadline and its departments by role. */
public record MeasureState(String id, long revision, String planId, String sectionId, String taskId,
        int year, int taskNumber, int position, String text, Deadline deadline, List<Assignment> assignments,
        List<String> timingHints) implements CatalogueState {

    /**
     * The day the measure is due (the end of a DATE or WINDOW deadline); {@code null} for ONGOING measures,
     * for a kind this version does not know and without a deadline. Every service asks this, not the kind.
     */
    @JsonIgnore
    public LocalDate dueDate() {
        return deadline == null ? null : deadline.dueDate();
    }

    /**
     * Start of the time window whose elapsed share is the pace expected by now (序时进度): a WINDOW's start, else
     * 1 January of the plan year; {@code null} when the measure has no due date.
     */
    @JsonIgnore
    public LocalDate windowStart() {
        if (dueDate() == null) {
            return null;
        }
        return deadline.isWindow() && deadline.start() != null ? deadline.start() : LocalDate.of(year, 1, 1);
    }

    /**
     * {@code kind} is DATE (due by {@code end}), WINDOW (a seasonal window from {@code start} to {@code end})
     * or ONGOING (长期实施/持续推进: no end, reported on periodically).
     */
    public record Deadline(String kind, LocalDate start, LocalDate end, String label) {

        /** The end of a DATE or WINDOW deadline, {@code null} for ONGOING and unknown kinds. */
        @JsonIgnore
        public LocalDate dueDate() {
            return "DATE".equals(kind) || isWindow() ? end : null;
        }

        @JsonIgnore
        public boolean isWindow() {
            return "WINDOW".equals(kind);
        }

        /** The deadline as the plan words it (年底前, 6-9月, 长期实施), in Chinese also when the plan gave no label. */
        @JsonIgnore
        public String chineseLabel() {
            if (label != null && !label.isBlank()) {
                return label;
            }
            if (dueDate() == null) {
                return "长期实施";
            }
            return isWindow() && start != null ? start + "至" + end : end + "前";
        }
    }
}
