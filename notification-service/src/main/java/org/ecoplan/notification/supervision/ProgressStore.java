package org.ecoplan.notification.supervision;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecoplan.progress.contract.DeliveryAssessment;
import org.ecoplan.progress.contract.MeasureStatusChanged;
import org.ecoplan.progress.contract.ReportEvent;
import org.ecoplan.progress.contract.ReportStatus;
import org.ecoplan.progress.contract.WorkflowState;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The local per-measure progress state — with the delivery state progress-service decided — and the reports
 * awaiting review, kept from progress events. Older sequences and revisions are dropped in the upsert itself,
 * so events may arrive repeated or late.
 */
@ApplicationScoped
public class ProgressStore {

    private static final String APPLY_STATUS = """
            insert into measure_progress (measure_id, sequence, status, overdue, percent_complete, completed_on,
                                          last_reported_period, updated_at, delivery, delivery_state, last_approved_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?)
            on conflict (measure_id) do update
            set sequence = excluded.sequence, status = excluded.status, overdue = excluded.overdue,
                percent_complete = excluded.percent_complete, completed_on = excluded.completed_on,
                last_reported_period = greatest(measure_progress.last_reported_period, excluded.last_reported_period),
                updated_at = excluded.updated_at, delivery = excluded.delivery,
                delivery_state = excluded.delivery_state, last_approved_at = excluded.last_approved_at
            where measure_progress.sequence < excluded.sequence""";
    private static final String NOTE_PERIOD = """
            insert into measure_progress (measure_id, sequence, status, overdue, percent_complete, last_reported_period, updated_at)
            values (?, -1, 'NOT_STARTED', false, 0, ?, ?)
            on conflict (measure_id) do update
            set last_reported_period = greatest(measure_progress.last_reported_period, excluded.last_reported_period)""";
    private static final String APPLY_REPORT = """
            insert into report_review (report_id, revision, measure_id, plan_id, period, state, department_code,
                                       reporter, submitted_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (report_id) do update
            set revision = excluded.revision, state = excluded.state, period = excluded.period,
                department_code = excluded.department_code, reporter = excluded.reporter,
                submitted_at = excluded.submitted_at, updated_at = excluded.updated_at
            where report_review.revision < excluded.revision""";
    private static final String ALL = """
            select measure_id, sequence, status, overdue, percent_complete, completed_on, last_reported_period, updated_at,
                   delivery::text, last_approved_at
            from measure_progress""";
    private static final String ONE = ALL + " where measure_id = ?";
    private static final String WAITING = """
            select report_id, revision, measure_id, plan_id, period, department_code, reporter, submitted_at
            from report_review where state = 'SUBMITTED' and submitted_at <= ?""";

    private final DataSource dataSource;
    private final ObjectMapper mapper;

    ProgressStore(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /** @return false if a newer status of the measure is stored already */
    public boolean apply(MeasureStatusChanged change, Instant now) {
        try (var connection = dataSource.getConnection(); var upsert = connection.prepareStatement(APPLY_STATUS)) {
            upsert.setString(1, change.measureId());
            upsert.setLong(2, change.sequence());
            upsert.setString(3, change.status().name());
            upsert.setBoolean(4, change.overdue());
            upsert.setInt(5, change.percentComplete());
            upsert.setDate(6, change.completedOn() == null ? null : Date.valueOf(change.completedOn()));
            upsert.setString(7, change.lastReportedPeriod());
            upsert.setTimestamp(8, Timestamp.from(now));
            upsert.setString(9, change.delivery() == null ? null : mapper.writeValueAsString(change.delivery()));
            upsert.setString(10, change.delivery() == null ? null : change.delivery().state().name());
            upsert.setTimestamp(11, change.lastApprovedAt() == null ? null : Timestamp.from(change.lastApprovedAt()));
            return upsert.executeUpdate() == 1;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the delivery state of measure " + change.measureId(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store the status of measure " + change.measureId(), e);
        }
    }

    /** @return false if a newer revision of the report is stored already */
    public boolean apply(ReportEvent report, Instant now) {
        try (var connection = dataSource.getConnection()) {
            boolean newer;
            try (var upsert = connection.prepareStatement(APPLY_REPORT)) {
                upsert.setString(1, report.reportId());
                upsert.setLong(2, report.reportRevision());
                upsert.setString(3, report.measureId());
                upsert.setString(4, report.planId());
                upsert.setString(5, report.period());
                upsert.setString(6, report.state().name());
                upsert.setString(7, report.departmentCode());
                upsert.setString(8, report.reporter());
                upsert.setTimestamp(9, report.submittedAt() == null ? null : Timestamp.from(report.submittedAt()));
                upsert.setTimestamp(10, Timestamp.from(now));
                newer = upsert.executeUpdate() == 1;
            }
            boolean counts = report.state() == WorkflowState.SUBMITTED || report.state() == WorkflowState.APPROVED;
            if (counts && report.period() != null) {
                try (var note = connection.prepareStatement(NOTE_PERIOD)) {
                    note.setString(1, report.measureId());
                    note.setString(2, report.period());
                    note.setTimestamp(3, Timestamp.from(now));
                    note.executeUpdate();
                }
            }
            return newer;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store report " + report.reportId(), e);
        }
    }

    public Map<String, MeasureProgress> all() {
        Map<String, MeasureProgress> byMeasure = new HashMap<>();
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement(ALL);
             var rows = query.executeQuery()) {
            while (rows.next()) {
                MeasureProgress progress = progress(rows);
                byMeasure.put(progress.measureId(), progress);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read measure progress", e);
        }
        return byMeasure;
    }

    public Optional<MeasureProgress> find(String measureId) {
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement(ONE)) {
            query.setString(1, measureId);
            try (var rows = query.executeQuery()) {
                return rows.next() ? Optional.of(progress(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read progress of " + measureId, e);
        }
    }

    /** Reports submitted at or before {@code submittedBefore} and still not reviewed. */
    public List<WaitingReport> waitingSince(Instant submittedBefore) {
        var waiting = new ArrayList<WaitingReport>();
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement(WAITING)) {
            query.setTimestamp(1, Timestamp.from(submittedBefore));
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    waiting.add(new WaitingReport(rows.getString(1), rows.getLong(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getString(6), rows.getString(7), rows.getTimestamp(8).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read reports waiting for review", e);
        }
        return waiting;
    }

    private MeasureProgress progress(ResultSet rows) throws SQLException {
        Date completedOn = rows.getDate(6);
        Timestamp lastApprovedAt = rows.getTimestamp(10);
        return new MeasureProgress(rows.getString(1), rows.getLong(2), ReportStatus.valueOf(rows.getString(3)),
                rows.getBoolean(4), rows.getInt(5), completedOn == null ? null : completedOn.toLocalDate(),
                rows.getString(7), rows.getTimestamp(8).toInstant(), delivery(rows.getString(1), rows.getString(9)),
                lastApprovedAt == null ? null : lastApprovedAt.toInstant());
    }

    private DeliveryAssessment delivery(String measureId, String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, DeliveryAssessment.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored delivery state of measure " + measureId + " cannot be read", e);
        }
    }

    public record WaitingReport(String reportId, long revision, String measureId, String planId, String period,
            String departmentCode, String reporter, Instant submittedAt) {
    }
}
