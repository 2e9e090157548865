package org.ecoplan.notification.supervision;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The reports still waiting for review, read from the progress replica's reports ({@code progress_replica_report},
 * kept by {@link org.ecoplan.progress.replica.ProgressReplica}); the partial index on submitted reports serves it.
 */
@ApplicationScoped
public class ReportsAwaitingReview {

    private static final String WAITING = """
            select report_id, revision, measure_id, plan_id, period, department_code, reporter, submitted_at
            from progress_replica_report where state = 'SUBMITTED' and submitted_at <= ?""";

    private final DataSource dataSource;

    ReportsAwaitingReview(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Reports submitted at or before {@code submittedBefore} and still not reviewed. */
    public List<WaitingReport> since(Instant submittedBefore) {
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

    public record WaitingReport(String reportId, long revision, String measureId, String planId, String period,
            String departmentCode, String reporter, Instant submittedAt) {
    }
}
