package org.ecoplan.progress.status;


import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.Transactional;

import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.progress.contract.DeliveryAssessment;
import org.ecoplan.progress.contract.DeliveryState;
import org.ecoplan.progress.contract.ReportStatus;
import org.ecoplan.progress.report.OfficialStatusKeeper;
import org.ecoplan.progress.report.ProgressReport;
import org.ecoplan.progress.report.ReportKind;
import org.ecoplan.progress.status.events.MeasureStatusPublisher;
import org.ecoplan.web.clock.BusinessClock;

/**
 * A measure's official status — its latest approved report of a LEAD or RESPONSIBLE department (by submission
 * time, so a late approval of an older report does not turn the clock back) — and its delivery state, decided
 * by {@link DeliveryRule} in the same transaction as every change of the rule's inputs: an approval, a
 * catalogue change of the measure, the calendar (the daily {@link DeliveryAssessmentJob}).
 * <p>
 * Publishes MEASURE_STATUS_CHANGED on a measure's first assessment and whenever its delivery state, official
 * status, percent complete, basing report or deadline change; a figure of the assessment moving on its own
 * (expected percent, pace gap, days late) is stored for the views but not published.
 */
@ApplicationScoped
public class OfficialStatusService implements OfficialStatusKeeper {

    private final MeasureStatusRepository statuses;
    private final MeasureStatusPublisher publisher;
    private final DeliveryRule rule;
    private final BusinessClock clock;

    OfficialStatusService(MeasureStatusRepository statuses, MeasureStatusPublisher publisher, DeliveryRule rule,
            BusinessClock clock) {
        this.statuses = statuses;
        this.publisher = publisher;
        this.rule = rule;
        this.clock = clock;
    }

    /**
     * Locks the measure's status row for the rest of the transaction; every workflow step that publishes an
     * event calls this first, so that a measure's events are recorded in the order they commit.
     */
    @Transactional(TxType.MANDATORY)
    public MeasureStatus lock(MeasureState measure) {
        return statuses.lockOrCreate(measure.id(), measure.planId(), measure.taskId(), measure.dueDate());
    }

    @Override
    @Transactional(TxType.MANDATORY)
    public void lockStatusOf(MeasureState measure) {
        lock(measure);
    }

    /** One statement on every submission (the write path's hottest), not a locking read and a flushed entity. */
    @Override
    @Transactional(TxType.MANDATORY)
    public void submitting(MeasureState measure, ProgressReport report) {
        statuses.recordSubmission(measure.id(), measure.planId(), measure.taskId(), measure.dueDate(),
                report.kind == ReportKind.MONTHLY ? report.period : null);
    }

    // The row is locked already (lockStatusOf): locking it again in the same transaction only reads it.

    @Override
    @Transactional(TxType.MANDATORY)
    public void approved(MeasureState measure, ProgressReport report) {
        reportApproved(lock(measure), measure, report);
    }

    /**
     * A monthly report was approved: the measure's last reported period moves on, as at its submission
     * ({@link MeasureStatusRepository#recordSubmission}); no event on its own.
     */
    @Transactional(TxType.MANDATORY)
    public void reportSubmitted(MeasureStatus status, ProgressReport report) {
        if (report.kind == ReportKind.MONTHLY
                && (status.lastReportedPeriod == null || report.period.compareTo(status.lastReportedPeriod) > 0)) {
            status.lastReportedPeriod = report.period;
        }
    }

    /**
     * An approved report of a LEAD or RESPONSIBLE department sets the official status, unless a newer one did;
     * any approval re-assesses the measure on today's date.
     */
    @Transactional(TxType.MANDATORY)
    public void reportApproved(MeasureStatus status, MeasureState measure, ProgressReport report) {
        Snapshot before = Snapshot.of(status);
        reportSubmitted(status, report);
        boolean setsStatus = report.departmentRole.accountable()
                && (status.basedOnSubmittedAt == null || !report.submittedAt.isBefore(status.basedOnSubmittedAt));
        if (setsStatus) {
            status.status = report.status;
            status.percentComplete = report.percentComplete;
            status.basedOnReportId = report.id;
            status.basedOnSubmittedAt = report.submittedAt;
            status.basedOnApprovedAt = report.reviewedAt;
            status.completedOn = report.status == ReportStatus.COMPLETED
                    ? LocalDate.ofInstant(report.submittedAt, clock.zone()) : null;
        }
        assess(status, measure, clock.today(), before);
    }

    /**
     * The catalogue brought the measure or changed it (its deadline, plan, task): assessed at once, also a
     * measure nobody has reported on, so every consumer learns every measure's state.
     */
    @Transactional(TxType.MANDATORY)
    public void catalogueChanged(MeasureState measure) {
        MeasureStatus status = lock(measure);
        Snapshot before = Snapshot.of(status);
        status.planId = measure.planId();
        status.taskId = measure.taskId();
        assess(status, measure, clock.today(), before);
    }

    /**
     * Assesses every given measure on {@code today}, creating the status of those never seen. Rows are locked in
     * one ordered pass, so an approval of one of them waits for this transaction instead of interleaving.
     *
     * @return the measures whose change was published
     */
    @Transactional(TxType.MANDATORY)
    public List<String> assessAll(List<MeasureState> measures, LocalDate today) {
        Map<String, MeasureStatus> locked = statuses.lockAll(measures.stream().map(MeasureState::id).toList());
        List<String> published = new ArrayList<>();
        for (MeasureState measure : measures) {
            MeasureStatus status = locked.get(measure.id());
            if (status == null) {
                status = lock(measure);
            }
            if (assess(status, measure, today, Snapshot.of(status))) {
                published.add(measure.id());
            }
        }
        return published;
    }

    /** @return whether the change was published */
    private boolean assess(MeasureStatus status, MeasureState measure, LocalDate today, Snapshot before) {
        DeliveryAssessment assessment = rule.assess(
                DeliveryRule.Facts.of(measure, status.status, status.percentComplete, status.completedOn), today);
        status.apply(assessment);
        if (before.equals(Snapshot.of(status))) {
            return false;
        }
        // The first event of a measure has no previous status, whatever the row started with.
        ReportStatus previousStatus = status.sequence == 0 ? null : before.status();
        status.sequence++;
        status.changedAt = clock.now();
        publisher.publish(status, previousStatus);
        return true;
    }

    /** What a consumer must learn of when it changes; the figures of an assessment are not in it. */
    private record Snapshot(DeliveryState state, ReportStatus status, int percentComplete, UUID basedOnReportId,
            LocalDate deadline, LocalDate windowStart) {

        static Snapshot of(MeasureStatus status) {
            return new Snapshot(status.deliveryState, status.status, status.percentComplete, status.basedOnReportId,
                    status.deadline, status.windowStart);
        }
    }
}
