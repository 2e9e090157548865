package org.ecoplan.indicator.rollup;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ecoplan.progress.contract.DeliveryAssessment;
import org.ecoplan.progress.contract.MeasureStatusChanged;
import org.ecoplan.progress.contract.ReportEvent;
import org.hibernate.Session;

/**
 * {@code measure_progress} and {@code report_seen} written a replay's batch at a time: the newest state per
 * measure and report of the batch, each upsert keeping a newer stored one (so the outcome is that of applying the
 * events one by one, in a few statements instead of three per event).
 */
final class ProgressRows {

    private static final String PROGRESS = """
            insert into measure_progress (measure_id, sequence, status, overdue, deadline, completed_on, completed_on_time,
                last_reported_period, changed_at, percent_complete, delivery_state, assessed_on, window_start, window_end,
                expected_percent, pace_gap, overdue_since, days_late, based_on_report_id, last_approved_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (measure_id) do update set sequence = excluded.sequence, status = excluded.status,
                overdue = excluded.overdue, deadline = excluded.deadline, completed_on = excluded.completed_on,
                completed_on_time = excluded.completed_on_time, last_reported_period = excluded.last_reported_period,
                changed_at = excluded.changed_at, percent_complete = excluded.percent_complete,
                delivery_state = excluded.delivery_state, assessed_on = excluded.assessed_on,
                window_start = excluded.window_start, window_end = excluded.window_end,
                expected_percent = excluded.expected_percent, pace_gap = excluded.pace_gap,
                overdue_since = excluded.overdue_since, days_late = excluded.days_late,
                based_on_report_id = excluded.based_on_report_id, last_approved_at = excluded.last_approved_at
            where measure_progress.sequence < excluded.sequence""";

    private static final String REPORT = """
            insert into report_seen (report_id, measure_id, revision, period, state) values (?, ?, ?, ?, ?)
            on conflict (report_id) do update set measure_id = excluded.measure_id, revision = excluded.revision,
                period = excluded.period, state = excluded.state
            where report_seen.revision < excluded.revision""";

    private ProgressRows() {
    }

    /**
     * @param statuses in topic order
     * @return the events one by one would have applied (newer than the stored and the batch's earlier ones)
     */
    static List<MeasureStatusChanged> writeStatuses(List<MeasureStatusChanged> statuses, Instant now) {
        Map<String, Long> known = numbers("select measure_id, sequence from measure_progress where measure_id = any(?)",
                statuses.stream().map(MeasureStatusChanged::measureId).distinct().toList());
        Map<String, MeasureStatusChanged> newest = new LinkedHashMap<>();
        List<MeasureStatusChanged> applied = new ArrayList<>();
        for (MeasureStatusChanged event : statuses) {
            Long sequence = known.get(event.measureId());
            if (sequence != null && sequence >= event.sequence()) {
                continue;
            }
            known.put(event.measureId(), event.sequence());
            newest.put(event.measureId(), event);
            applied.add(event);
        }
        List<Object[]> rows = new ArrayList<>();
        for (MeasureStatusChanged event : newest.values()) {
            DeliveryAssessment delivery = event.delivery();
            rows.add(new Object[] {event.measureId(), event.sequence(), event.status() == null ? null : event.status().name(),
                    event.overdue(), event.deadline(), event.completedOn(), event.completedOnTime(), event.lastReportedPeriod(),
                    timestamp(event.changedAt() == null ? now : event.changedAt()), event.percentComplete(),
                    delivery == null || delivery.state() == null ? null : delivery.state().name(),
                    delivery == null ? null : delivery.assessedOn(), delivery == null ? null : delivery.windowStart(),
                    delivery == null ? null : delivery.windowEnd(), delivery == null ? null : delivery.expectedPercent(),
                    delivery == null ? null : delivery.paceGap(), delivery == null ? null : delivery.overdueSince(),
                    delivery == null ? null : delivery.daysLate(), event.basedOnReportId(), timestamp(event.lastApprovedAt())});
        }
        DeliveryHistory.execute(PROGRESS, rows);
        return applied;
    }

    /**
     * @param reports in topic order
     * @return how many one by one would have applied
     */
    static int writeReports(List<ReportEvent> reports) {
        Map<String, Long> known = numbers("select report_id, revision from report_seen where report_id = any(?)",
                reports.stream().map(ReportEvent::reportId).distinct().toList());
        Map<String, ReportEvent> newest = new LinkedHashMap<>();
        int applied = 0;
        for (ReportEvent report : reports) {
            Long revision = known.get(report.reportId());
            if (revision != null && revision >= report.reportRevision()) {
                continue;
            }
            known.put(report.reportId(), report.reportRevision());
            newest.put(report.reportId(), report);
            applied++;
        }
        List<Object[]> rows = new ArrayList<>();
        for (ReportEvent report : newest.values()) {
            rows.add(new Object[] {report.reportId(), report.measureId(), report.reportRevision(), report.period(),
                    report.state() == null ? null : report.state().name()});
        }
        DeliveryHistory.execute(REPORT, rows);
        return applied;
    }

    private static Map<String, Long> numbers(String sql, Collection<String> ids) {
        Map<String, Long> numbers = new HashMap<>();
        if (ids.isEmpty()) {
            return numbers;
        }
        MeasureProgress.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        numbers.put(rows.getString(1), rows.getLong(2));
                    }
                }
            }
        });
        return numbers;
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
