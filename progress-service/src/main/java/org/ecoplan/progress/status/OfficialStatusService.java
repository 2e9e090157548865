package org.ecoplan.progress.status;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.progress.contract.ReportStatus;
import org.ecoplan.progress.report.ProgressReport;
import org.ecoplan.progress.report.ReportKind;
import org.ecoplan.progress.status.events.MeasureStatusPublisher;
import org.ecoplan.web.clock.BusinessClock;

/**
 * A measure's official status: its latest approved report of a LEAD or RESPONSIBLE department (by submission
 * time, so a late approval of an older report does not turn the clock back), plus overdue. Publishes
 * MEASURE_STATUS_CHANGED whenever status, overdue or percent complete change.
 */
@ApplicationScoped
public class OfficialStatusService {

    private static final Set<String> DEADLINE_KINDS_WITH_END = Set.of("DATE", "WINDOW");

    private final MeasureStatusRepository statuses;
    private final MeasureStatusPublisher publisher;
    private final BusinessClock clock;

    OfficialStatusService(MeasureStatusRepository statuses, MeasureStatusPublisher publisher, BusinessClock clock) {
        this.statuses = statuses;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** The end of the measure's deadline, or null for ONGOING measures (and unknown kinds). */
    public static LocalDate deadlineOf(MeasureState measure) {
        var deadline = measure.deadline();
        return deadline != null && DEADLINE_KINDS_WITH_END.contains(deadline.kind()) ? deadline.end() : null;
    }

    /**
     * Locks the measure's status row for the rest of the transaction; every workflow step that publishes an
     * event calls this first, so that a measure's events are recorded in the order they commit.
     */
    @Transactional(TxType.MANDATORY)
    public MeasureStatus lock(MeasureState measure) {
        return statuses.lockOrCreate(measure.id(), measure.planId(), measure.taskId(), deadlineOf(measure));
    }

    /** A monthly report was submitted: the measure's last reported period moves on (no event on its own). */
    @Transactional(TxType.MANDATORY)
    public void reportSubmitted(MeasureStatus status, ProgressReport report) {
        if (report.kind == ReportKind.MONTHLY
                && (status.lastReportedPeriod == null || report.period.compareTo(status.lastReportedPeriod) > 0)) {
            status.lastReportedPeriod = report.period;
        }
    }

    /** An approved report of a LEAD or RESPONSIBLE department sets the official status, unless a newer one did. */
    @Transactional(TxType.MANDATORY)
    public void reportApproved(MeasureStatus status, ProgressReport report) {
        reportSubmitted(status, report);
        if (!report.departmentRole.setsOfficialStatus()) {
            return;
        }
        if (status.basedOnSubmittedAt != null && report.submittedAt.isBefore(status.basedOnSubmittedAt)) {
            return;
        }
        ReportStatus previous = status.status;
        boolean previousOverdue = status.overdue;
        int previousPercent = status.percentComplete;
        status.status = report.status;
        status.percentComplete = report.percentComplete;
        status.basedOnReportId = report.id;
        status.basedOnSubmittedAt = report.submittedAt;
        if (report.status == ReportStatus.COMPLETED) {
            status.completedOn = LocalDate.ofInstant(report.submittedAt, zone());
            status.completedOnTime = status.deadline == null || !status.completedOn.isAfter(status.deadline);
        } else {
            status.completedOn = null;
            status.completedOnTime = null;
        }
        status.overdue = status.isOverdueOn(clock.today());
        if (previous != status.status || previousOverdue != status.overdue || previousPercent != status.percentComplete) {
            changed(status, previous);
        }
    }

    /**
     * Marks every measure past its deadline and not completed as overdue, publishing once per measure.
     *
     * @return the measures newly found overdue
     */
    @Transactional
    public List<String> markOverdue(List<MeasureState> measures) {
        LocalDate today = clock.today();
        // Ids only: the rows are read again under lock below, never from a snapshot taken without it.
        Set<String> settled = statuses.settled(measures.stream().map(MeasureState::id).toList());
        var marked = new ArrayList<String>();
        for (MeasureState measure : measures) {
            LocalDate deadline = deadlineOf(measure);
            if (deadline == null || !today.isAfter(deadline) || settled.contains(measure.id())) {
                continue;
            }
            MeasureStatus status = lock(measure);
            status.deadline = deadline;
            if (!status.overdue && status.isOverdueOn(today)) {
                status.overdue = true;
                changed(status, status.status);
                marked.add(measure.id());
            }
        }
        return marked;
    }

    /** The catalogue moved a measure's deadline: keep the copy, and lift overdue if the new deadline is ahead. */
    @Transactional(TxType.MANDATORY)
    public void deadlineChanged(MeasureState measure) {
        statuses.find(measure.id()).ifPresent(ignored -> {
            MeasureStatus status = lock(measure);
            status.deadline = deadlineOf(measure);
            status.planId = measure.planId();
            status.taskId = measure.taskId();
            if (status.overdue && !status.isOverdueOn(clock.today())) {
                status.overdue = false;
                changed(status, status.status);
            }
        });
    }

    private void changed(MeasureStatus status, ReportStatus previous) {
        // The first event of a measure has no previous status, whatever the row started with.
        ReportStatus previousStatus = status.sequence == 0 ? null : previous;
        status.sequence++;
        status.changedAt = clock.now();
        publisher.publish(status, previousStatus);
    }

    private ZoneId zone() {
        return clock.zone();
    }
}
