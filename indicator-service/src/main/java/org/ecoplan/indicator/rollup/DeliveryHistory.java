package org.ecoplan.indicator.rollup;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.ecoplan.progress.contract.DeliveryAssessment;
import org.ecoplan.progress.contract.MeasureStatusChanged;
import org.ecoplan.progress.contract.ReportEvent;
import org.ecoplan.progress.contract.WorkflowState;
import org.hibernate.Session;

/**
 * What the month-end figures are made of, kept beyond the progress topic's retention and never cleared by a
 * roll-up rebuild: for each measure and month, its last delivery state assessed in that month
 * ({@code measure_state_month}), and for each monthly report period, measure and department, when its report was
 * first submitted ({@code monthly_report_submission}). "As of the end of May" is then each measure's row of the
 * latest month up to May: figures that later events (assessed in June) do not change. A row written after its
 * month ended is a correction of that month; {@code recorded_at} says when.
 *
 * <p>Set-based upserts that keep the newest sequence and the earliest submission, so a redelivered, replayed or
 * stale event changes nothing.
 */
@ApplicationScoped
public class DeliveryHistory {

    private static final Set<WorkflowState> SUBMITTED = Set.of(WorkflowState.SUBMITTED, WorkflowState.APPROVED,
            WorkflowState.RETURNED);

    private static final String STATE_OF_MONTH = """
            insert into measure_state_month (measure_id, month_start, sequence, delivery_state, assessed_on,
                window_start, window_end, expected_percent, pace_gap, overdue_since, days_late, status,
                percent_complete, based_on_report_id, last_approved_at, completed_on, recorded_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (measure_id, month_start) do update set sequence = excluded.sequence,
                delivery_state = excluded.delivery_state, assessed_on = excluded.assessed_on,
                window_start = excluded.window_start, window_end = excluded.window_end,
                expected_percent = excluded.expected_percent, pace_gap = excluded.pace_gap,
                overdue_since = excluded.overdue_since, days_late = excluded.days_late, status = excluded.status,
                percent_complete = excluded.percent_complete, based_on_report_id = excluded.based_on_report_id,
                last_approved_at = excluded.last_approved_at, completed_on = excluded.completed_on,
                recorded_at = excluded.recorded_at
            where measure_state_month.sequence < excluded.sequence""";

    private static final String SUBMISSION = """
            insert into monthly_report_submission (measure_id, period, department_code, report_id, first_submitted_at)
            values (?, ?, ?, ?, ?)
            on conflict (measure_id, period, department_code) do update
            set first_submitted_at = least(monthly_report_submission.first_submitted_at, excluded.first_submitted_at)""";

    /** Keeps the event's delivery state as its assessment month's latest; events without one are not kept. */
    @Transactional(TxType.MANDATORY)
    public void record(MeasureStatusChanged event, Instant receivedAt) {
        recordAll(List.of(event), receivedAt);
    }

    /**
     * {@link #record} of many events (a replay's batch, in topic order) in one batch of statements: per measure and
     * month only the newest sequence, the one the upserts one by one would have kept.
     */
    @Transactional(TxType.MANDATORY)
    public void recordAll(List<MeasureStatusChanged> events, Instant receivedAt) {
        Map<String, Object[]> rows = new TreeMap<>();
        for (MeasureStatusChanged event : events) {
            DeliveryAssessment delivery = event.delivery();
            if (delivery == null || delivery.state() == null || delivery.assessedOn() == null) {
                continue;
            }
            LocalDate month = YearMonth.from(delivery.assessedOn()).atDay(1);
            Object[] kept = rows.get(event.measureId() + "/" + month);
            if (kept != null && (long) kept[2] >= event.sequence()) {
                continue;
            }
            rows.put(event.measureId() + "/" + month, new Object[] {event.measureId(), month, event.sequence(), delivery.state().name(),
                    delivery.assessedOn(), delivery.windowStart(), delivery.windowEnd(), delivery.expectedPercent(),
                    delivery.paceGap(), delivery.overdueSince(), delivery.daysLate(),
                    event.status() == null ? null : event.status().name(), event.percentComplete(),
                    event.basedOnReportId(), timestamp(event.lastApprovedAt()), event.completedOn(), timestamp(receivedAt)});
        }
        execute(STATE_OF_MONTH, List.copyOf(rows.values()));
    }

    /** Keeps the first submission time of a monthly report, for reporting punctuality (reports in by the 5th). */
    @Transactional(TxType.MANDATORY)
    public void recordSubmission(ReportEvent report) {
        recordSubmissions(List.of(report));
    }

    /**
     * {@link #recordSubmission} of many reports (a replay's batch, in topic order) in one batch of statements: per
     * measure, period and department the first report's id with the earliest time, what the upserts one by one
     * would have kept.
     */
    @Transactional(TxType.MANDATORY)
    public void recordSubmissions(List<ReportEvent> reports) {
        Map<String, Object[]> rows = new TreeMap<>();
        for (ReportEvent report : reports) {
            if (!"MONTHLY".equals(report.kind()) || report.period() == null || report.departmentCode() == null
                    || report.submittedAt() == null || !SUBMITTED.contains(report.state())) {
                continue;
            }
            Timestamp submitted = timestamp(report.submittedAt());
            Object[] kept = rows.putIfAbsent(report.measureId() + "/" + report.period() + "/" + report.departmentCode(),
                    new Object[] {report.measureId(), report.period(), report.departmentCode(), report.reportId(), submitted});
            if (kept != null && submitted.before((Timestamp) kept[4])) {
                kept[4] = submitted;
            }
        }
        execute(SUBMISSION, List.copyOf(rows.values()));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /**
     * Plain JDBC on the transaction's connection, one statement per row in one batch: every value, null or not, is
     * bound with its own SQL type. Each row's upsert keeps the newest (earliest) as it would alone. The rows come in
     * the order of their keys (the callers' sorted maps): two replicas' overlapping batches lock them in the same
     * order, never in a circle.
     */
    static void execute(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Rollup.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (Object[] values : rows) {
                    for (int i = 0; i < values.length; i++) {
                        Object value = values[i];
                        if (value == null) {
                            statement.setNull(i + 1, Types.NULL);
                        } else {
                            statement.setObject(i + 1, value);
                        }
                    }
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        });
    }
}
