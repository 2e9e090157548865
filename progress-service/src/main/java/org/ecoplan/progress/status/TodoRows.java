package org.ecoplan.progress.status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecoplan.progress.contract.DeliveryAssessment;
import org.ecoplan.progress.contract.DeliveryState;
import org.ecoplan.progress.contract.ReportStatus;
import org.ecoplan.progress.contract.WorkflowState;
import org.ecoplan.progress.report.ReportKind;

/**
 * What a department's to-do list shows of its measures' stored status and of this period's monthly reports, read as
 * plain rows of the columns it shows. The entities were dearer than the statements: Hibernate translates a query with
 * an {@code in} list afresh on every call (its plan cache does not keep multi-valued parameters), and builds, for a
 * list of ~144 measures, 144 status entities and their reports with every column. {@code = any(?)} with one array
 * parameter is one statement text whatever the number of measures, so PostgreSQL and the driver prepare it once.
 * Read only: writes go through {@link MeasureStatusRepository} and the report feature's repository.
 */
@ApplicationScoped
public class TodoRows {

    private static final String STATUSES = """
            select measure_id, status, percent_complete, overdue, deadline, delivery_state, assessed_on, window_start,
                   expected_percent, pace_gap, overdue_since, days_late
            from measure_status where measure_id = any(?)""";
    private static final String MONTHLY_REPORTS = """
            select measure_id, id, state, revision from progress_report
            where department_code = ? and period = ? and kind = ? and measure_id = any(?)""";

    private final DataSource dataSource;

    TodoRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A measure's stored official status and delivery state, as {@link MeasureStatus} holds them. */
    public record StatusRow(String measureId, ReportStatus status, int percentComplete, boolean overdue,
            DeliveryAssessment delivery) {
    }

    /** The period's monthly report of a measure: enough to say whether it is still missing and to open it. */
    public record MonthlyReportRow(String measureId, UUID id, WorkflowState state, long revision) {
    }

    /** The stored status of each of the measures that has one, by measure id. */
    public Map<String, StatusRow> statuses(Collection<String> measureIds) {
        Map<String, StatusRow> rows = new HashMap<>();
        if (measureIds.isEmpty()) {
            return rows;
        }
        query(STATUSES, (connection, statement) -> {
            statement.setArray(1, connection.createArrayOf("varchar", measureIds.toArray()));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    String state = result.getString(6);
                    // Null until the measure is first assessed (MeasureStatus.delivery()).
                    DeliveryAssessment delivery = state == null ? null
                            : DeliveryAssessment.of(DeliveryState.valueOf(state), date(result, 7), date(result, 8),
                                    date(result, 5), integer(result, 9), integer(result, 10), date(result, 11),
                                    integer(result, 12));
                    rows.put(result.getString(1), new StatusRow(result.getString(1), ReportStatus.valueOf(result.getString(2)),
                            result.getInt(3), result.getBoolean(4), delivery));
                }
            }
        });
        return rows;
    }

    /** The department's monthly reports for {@code period} on these measures (at most one each), by measure id. */
    public Map<String, MonthlyReportRow> monthlyReports(String departmentCode, String period, Collection<String> measureIds) {
        Map<String, MonthlyReportRow> rows = new HashMap<>();
        if (measureIds.isEmpty()) {
            return rows;
        }
        query(MONTHLY_REPORTS, (connection, statement) -> {
            statement.setString(1, departmentCode);
            statement.setString(2, period);
            statement.setString(3, ReportKind.MONTHLY.name());
            statement.setArray(4, connection.createArrayOf("varchar", measureIds.toArray()));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), new MonthlyReportRow(result.getString(1), result.getObject(2, UUID.class),
                            WorkflowState.valueOf(result.getString(3)), result.getLong(4)));
                }
            }
        });
        return rows;
    }

    private static LocalDate date(ResultSet result, int column) throws SQLException {
        return result.getObject(column, LocalDate.class);
    }

    private static Integer integer(ResultSet result, int column) throws SQLException {
        int value = result.getInt(column);
        return result.wasNull() ? null : value;
    }

    /** Joins the caller's transaction if there is one (the pool enlists the connection). */
    private void query(String sql, Work work) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            work.run(connection, statement);
        } catch (SQLException e) {
            throw new IllegalStateException("To-do list query failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Work {
        void run(Connection connection, PreparedStatement statement) throws SQLException;
    }
}
