package org.ecoplan.indicator.overview;

import java.time.Instant;
import java.time.LocalDate;

import org.ecoplan.catalogue.contract.AssignmentRole;
import org.ecoplan.progress.contract.DeliveryState;

/** The rows the overview is computed from. */
final class OverviewRows {

    private OverviewRows() {
    }

    /** A catalogue measure as {@code overview_measure} holds it. */
    record MeasureRow(String measureId, String planId, String sectionId, String taskId, int taskNumber, int position,
            String text, String deadlineKind, String deadlineLabel, LocalDate deadlineEnd) {
    }

    /**
     * A measure's decided delivery state as of the overview's date ({@code state} null: not assessed) and why.
     *
     * @param recordedAt when this service learned it
     */
    record StateRow(String measureId, DeliveryState state, LocalDate assessedOn, LocalDate windowStart,
            LocalDate windowEnd, Integer expectedPercent, Integer paceGap, LocalDate overdueSince, Integer daysLate,
            Integer percentComplete, String basedOnReportId, Instant lastApprovedAt, Instant recordedAt) {

        static StateRow notAssessed(String measureId) {
            return new StateRow(measureId, null, null, null, null, null, null, null, null, null, null, null, null);
        }
    }

    /** {@code partyKind}: DEPARTMENT (named directly), GROUP (the group itself), MEMBER (through {@code viaGroup}). */
    record AssignmentRow(String measureId, String role, String partyKind, String partyCode, String viaGroup) {

        boolean accountable() {
            return AssignmentRole.of(role).map(AssignmentRole::accountable).orElse(false);
        }
    }

    /** A measure's state at the end of one month (the latest assessed in that month). */
    record MonthState(String measureId, LocalDate monthStart, DeliveryState state) {
    }

    /** The first submission of a monthly report. */
    record Submission(String measureId, String period, String departmentCode, Instant firstSubmittedAt) {
    }
}
