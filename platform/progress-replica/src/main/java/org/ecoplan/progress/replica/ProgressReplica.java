package org.ecoplan.progress.replica;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecoplan.progress.contract.DeliveryAssessment;
import org.ecoplan.progress.contract.MeasureStatusChanged;
import org.ecoplan.progress.contract.ReportEvent;
import org.ecoplan.progress.contract.ReportStatus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * This service's copy of progress-service's state, kept from the events on {@code ecoplan.progress}: per measure the
 * latest status event ({@code progress_replica_measure}), per report its latest revision
 * ({@code progress_replica_report}). The stale-event rule lives here once, in the upserts themselves: a row is replaced
 * only by a greater sequence (measure) or revision (report), so events may come repeated, late or replayed. An event
 * one by one ({@link #apply(MeasureStatusChanged, Instant)}) and a replay's batch
 * ({@link #applyStatuses(List, Instant)}) go through the same statement. Every method joins the caller's transaction
 * if there is one (the pool enlists the connection).
 */
@ApplicationScoped
public class ProgressReplica {

    private static final String UPSERT_MEASURE = """
            insert into progress_replica_measure (measure_id, sequence, status, overdue, deadline, percent_complete,
                completed_on, completed_on_time, last_reported_period, based_on_report_id, changed_at, delivery,
                delivery_state, assessed_on, window_start, window_end, expected_percent, pace_gap, overdue_since,
                days_late, last_approved_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (measure_id) do update set sequence = excluded.sequence, status = excluded.status,
                overdue = excluded.overdue, deadline = excluded.deadline, percent_complete = excluded.percent_complete,
                completed_on = excluded.completed_on, completed_on_time = excluded.completed_on_time,
                last_reported_period = excluded.last_reported_period, based_on_report_id = excluded.based_on_report_id,
                changed_at = excluded.changed_at, delivery = excluded.delivery, delivery_state = excluded.delivery_state,
                assessed_on = excluded.assessed_on, window_start = excluded.window_start, window_end = excluded.window_end,
                expected_percent = excluded.expected_percent, pace_gap = excluded.pace_gap,
                overdue_since = excluded.overdue_since, days_late = excluded.days_late,
                last_approved_at = excluded.last_approved_at, updated_at = excluded.updated_at
            where progress_replica_measure.sequence < excluded.sequence""";
    private static final String UPSERT_REPORT = """
            insert into progress_replica_report (report_id, revision, measure_id, plan_id, period, state, department_code,
                reporter, submitted_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (report_id) do update set revision = excluded.revision, measure_id = excluded.measure_id,
                plan_id = excluded.plan_id, period = excluded.period, state = excluded.state,
                department_code = excluded.department_code, reporter = excluded.reporter,
                submitted_at = excluded.submitted_at, updated_at = excluded.updated_at
            where progress_replica_report.revision < excluded.revision""";
    /** A measure not known yet gets a row below every real sequence, which its first status event replaces. */
    private static final String NOTE_PERIOD = """
            insert into progress_replica_measure (measure_id, sequence, status, overdue, percent_complete,
                noted_reported_period, changed_at, updated_at)
            values (?, -1, 'NOT_STARTED', false, 0, ?, ?, ?)
            on conflict (measure_id) do update
            set noted_reported_period = greatest(progress_replica_measure.noted_reported_period, excluded.noted_reported_period)""";
    private static final String SEQUENCES = "select measure_id, sequence from progress_replica_measure where measure_id = any(?)";
    private static final String REVISIONS = "select report_id, revision from progress_replica_report where report_id = any(?)";
    private static final String MEASURES = """
            select measure_id, sequence, status, overdue, deadline, percent_complete, completed_on, completed_on_time,
                last_reported_period, noted_reported_period, based_on_report_id, changed_at, delivery::text,
                last_approved_at, updated_at
            from progress_replica_measure""";

    private final DataSource dataSource;
    private final ObjectMapper mapper;

    ProgressReplica(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /** @return whether the event was newer than the stored state (false: a stale or repeated event, nothing changed) */
    public boolean apply(MeasureStatusChanged event, Instant now) {
        return run(UPSERT_MEASURE, statement -> {
            bind(statement, row(event, now));
            return statement.executeUpdate() == 1;
        });
    }

    /** @return whether the event was newer than the stored state (false: a stale or repeated event, nothing changed) */
    public boolean apply(ReportEvent event, Instant now) {
        return run(UPSERT_REPORT, statement -> {
            bind(statement, row(event, now));
            return statement.executeUpdate() == 1;
        });
    }

    /**
     * A replay's status events, in topic order, with the outcome of {@link #apply(MeasureStatusChanged, Instant)} one
     * by one in two statements: the stored sequences of the batch's measures, then one upsert batch of each measure's
     * newest event (the upsert's own rule still keeps a newer stored row).
     *
     * @return the events that one by one would have applied (newer than the stored and the batch's earlier ones)
     */
    public List<MeasureStatusChanged> applyStatuses(List<MeasureStatusChanged> events, Instant now) {
        Map<String, Long> known = numbers(SEQUENCES, events.stream().map(MeasureStatusChanged::measureId).distinct().toList());
        // Sorted by key: two transactions that upsert overlapping rows (two replicas' batches while a partition moves)
        // lock them in the same order and never wait for each other in a circle.
        Map<String, MeasureStatusChanged> newest = new TreeMap<>();
        List<MeasureStatusChanged> applied = new ArrayList<>();
        for (MeasureStatusChanged event : events) {
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
            rows.add(row(event, now));
        }
        executeBatch(UPSERT_MEASURE, rows);
        return applied;
    }

    /**
     * A replay's report events, in topic order, with the outcome of {@link #apply(ReportEvent, Instant)} one by one in
     * two statements (as {@link #applyStatuses}).
     *
     * @return how many of them one by one would have applied
     */
    public int applyReports(List<ReportEvent> events, Instant now) {
        return applyReportEvents(events, now).applied().size();
    }

    /**
     * What {@link #applyReports} did with each event.
     *
     * @param applied events newer than the stored state and the batch's earlier ones: those one by one would have applied
     * @param current events not applied whose revision is the one known at their turn (applied before, e.g. by a replay
     *                or under another event id): {@link #reportRevision} one by one would have said it is the latest
     */
    public record ReportsApplied(List<ReportEvent> applied, List<ReportEvent> current) {
    }

    /** {@link #applyReports}, telling which events applied and which were the known revision already. */
    public ReportsApplied applyReportEvents(List<ReportEvent> events, Instant now) {
        Map<String, Long> known = numbers(REVISIONS, events.stream().map(ReportEvent::reportId).distinct().toList());
        // Sorted by key, as in applyStatuses: overlapping batches lock their rows in the same order.
        Map<String, ReportEvent> newest = new TreeMap<>();
        List<ReportEvent> applied = new ArrayList<>();
        List<ReportEvent> current = new ArrayList<>();
        for (ReportEvent event : events) {
            Long revision = known.get(event.reportId());
            if (revision != null && revision >= event.reportRevision()) {
                if (revision == event.reportRevision()) {
                    current.add(event);
                }
                continue;
            }
            known.put(event.reportId(), event.reportRevision());
            newest.put(event.reportId(), event);
            applied.add(event);
        }
        List<Object[]> rows = new ArrayList<>();
        for (ReportEvent event : newest.values()) {
            rows.add(row(event, now));
        }
        executeBatch(UPSERT_REPORT, rows);
        return new ReportsApplied(applied, current);
    }

    /**
     * Notes that a measure reported for {@code period} (kept as {@link MeasureProgress#notedReportedPeriod()}, which
     * never goes back), for a consumer that must know it before progress-service's status event says so. A measure
     * not known yet gets a row at sequence -1, NOT_STARTED, which its first status event replaces.
     */
    public void noteReportedPeriod(String measureId, String period, Instant now) {
        if (period == null) {
            return;
        }
        run(NOTE_PERIOD, statement -> {
            bind(statement, new Object[] {measureId, period, Timestamp.from(now), Timestamp.from(now)});
            return statement.executeUpdate();
        });
    }

    public Optional<MeasureProgress> find(String measureId) {
        return measures(MEASURES + " where measure_id = ?", measureId).stream().findFirst();
    }

    /** The given measures' rows in one query; measures without one are left out. */
    public List<MeasureProgress> findAll(Collection<String> measureIds) {
        if (measureIds.isEmpty()) {
            return List.of();
        }
        return measures(MEASURES + " where measure_id = any(?)", measureIds);
    }

    /** Every measure's row, by measure id. */
    public Map<String, MeasureProgress> all() {
        Map<String, MeasureProgress> byMeasure = new HashMap<>();
        measures(MEASURES, null).forEach(progress -> byMeasure.put(progress.measureId(), progress));
        return byMeasure;
    }

    /** The stored revision of a report; empty if it is unknown here. */
    public Optional<Long> reportRevision(String reportId) {
        return Optional.ofNullable(numbers(REVISIONS, List.of(reportId)).get(reportId));
    }

    /** Removes every row, for a replay that rebuilds the copy from the topic. @return the rows removed */
    public Cleared clear() {
        int measures = run("delete from progress_replica_measure", PreparedStatement::executeUpdate);
        int reports = run("delete from progress_replica_report", PreparedStatement::executeUpdate);
        return new Cleared(measures, reports);
    }

    public record Cleared(int measures, int reports) {
    }

    private Object[] row(MeasureStatusChanged event, Instant now) {
        DeliveryAssessment delivery = event.delivery();
        return new Object[] {event.measureId(), event.sequence(), event.status() == null ? null : event.status().name(),
                event.overdue(), event.deadline(), event.percentComplete(), event.completedOn(), event.completedOnTime(),
                event.lastReportedPeriod(), event.basedOnReportId(), timestamp(event.changedAt() == null ? now : event.changedAt()),
                json(event.measureId(), delivery),
                delivery == null || delivery.state() == null ? null : delivery.state().name(),
                delivery == null ? null : delivery.assessedOn(), delivery == null ? null : delivery.windowStart(),
                delivery == null ? null : delivery.windowEnd(), delivery == null ? null : delivery.expectedPercent(),
                delivery == null ? null : delivery.paceGap(), delivery == null ? null : delivery.overdueSince(),
                delivery == null ? null : delivery.daysLate(), timestamp(event.lastApprovedAt()), timestamp(now)};
    }

    private static Object[] row(ReportEvent event, Instant now) {
        return new Object[] {event.reportId(), event.reportRevision(), event.measureId(), event.planId(), event.period(),
                event.state() == null ? null : event.state().name(), event.departmentCode(), event.reporter(),
                timestamp(event.submittedAt()), timestamp(now)};
    }

    private String json(String measureId, DeliveryAssessment delivery) {
        if (delivery == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(delivery);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the delivery state of measure " + measureId, e);
        }
    }

    private List<MeasureProgress> measures(String sql, Object parameter) {
        return run(sql, statement -> {
            if (parameter instanceof Collection<?> ids) {
                statement.setArray(1, statement.getConnection().createArrayOf("varchar", ids.toArray()));
            } else if (parameter != null) {
                statement.setString(1, (String) parameter);
            }
            List<MeasureProgress> found = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(progress(rows));
                }
            }
            return found;
        });
    }

    private MeasureProgress progress(ResultSet rows) throws SQLException {
        String measureId = rows.getString(1);
        return new MeasureProgress(measureId, rows.getLong(2), ReportStatus.valueOf(rows.getString(3)), rows.getBoolean(4),
                date(rows.getDate(5)), rows.getInt(6), date(rows.getDate(7)), (Boolean) rows.getObject(8), rows.getString(9),
                rows.getString(10), rows.getString(11), instant(rows.getTimestamp(12)), delivery(measureId, rows.getString(13)),
                instant(rows.getTimestamp(14)), instant(rows.getTimestamp(15)));
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

    private Map<String, Long> numbers(String sql, Collection<String> ids) {
        Map<String, Long> numbers = new HashMap<>();
        if (ids.isEmpty()) {
            return numbers;
        }
        return run(sql, statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("varchar", ids.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    numbers.put(rows.getString(1), rows.getLong(2));
                }
            }
            return numbers;
        });
    }

    /** One statement per row in one JDBC batch: every value, null or not, is bound with its own SQL type. */
    private void executeBatch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        run(sql, statement -> {
            for (Object[] values : rows) {
                bind(statement, values);
                statement.addBatch();
            }
            return statement.executeBatch();
        });
    }

    private static void bind(PreparedStatement statement, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                statement.setNull(i + 1, Types.NULL);
            } else {
                statement.setObject(i + 1, values[i]);
            }
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static LocalDate date(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    private <T> T run(String sql, Work<T> work) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            return work.apply(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("Progress replica statement failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T apply(PreparedStatement statement) throws SQLException;
    }
}
