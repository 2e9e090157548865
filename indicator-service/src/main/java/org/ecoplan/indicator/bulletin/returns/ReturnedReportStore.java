package org.ecoplan.indicator.bulletin.returns;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.hibernate.Session;

/**
 * The returns of progress reports to their departments ({@code report_return}): one row per return, kept for the
 * bulletin's list of the reports returned in a month. Written once per report revision, so a redelivered or replayed
 * event changes nothing; read by a range of the return time (indexed).
 */
@ApplicationScoped
public class ReturnedReportStore {

    private static final String INSERT = """
            insert into report_return (report_id, report_revision, measure_id, period, department_code, returned_at,
                reason, recorded_at)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (report_id, report_revision) do nothing""";

    private static final String BETWEEN = """
            select report_id, report_revision, measure_id, period, department_code, returned_at, reason, recorded_at
            from report_return where returned_at >= ? and returned_at < ?
            order by returned_at, report_id, report_revision""";

    /**
     * @param period     {@code 2026-05} for a monthly report, {@code null} for an ad-hoc one
     * @param returnedAt the reviewer's time of the return
     * @param recordedAt when this service learned of it
     */
    public record Returned(String reportId, long revision, String measureId, String period, String departmentCode,
            Instant returnedAt, String reason, Instant recordedAt) {
    }

    private final EntityManager entityManager;

    ReturnedReportStore(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Keeps a return; @return whether it was new */
    @Transactional(TxType.MANDATORY)
    public boolean record(Returned returned) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
                statement.setString(1, returned.reportId());
                statement.setLong(2, returned.revision());
                statement.setString(3, returned.measureId());
                text(statement, 4, returned.period());
                text(statement, 5, returned.departmentCode());
                statement.setTimestamp(6, Timestamp.from(returned.returnedAt()));
                text(statement, 7, returned.reason());
                statement.setTimestamp(8, Timestamp.from(returned.recordedAt()));
                return statement.executeUpdate() == 1;
            }
        });
    }

    /** The returns made in {@code [from, to)}, oldest first. */
    @Transactional(TxType.MANDATORY)
    public List<Returned> between(Instant from, Instant to) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(BETWEEN)) {
                statement.setTimestamp(1, Timestamp.from(from));
                statement.setTimestamp(2, Timestamp.from(to));
                List<Returned> found = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.add(new Returned(rows.getString(1), rows.getLong(2), rows.getString(3), rows.getString(4),
                                rows.getString(5), rows.getTimestamp(6).toInstant(), rows.getString(7),
                                rows.getTimestamp(8).toInstant()));
                    }
                }
                return found;
            }
        });
    }

    private static void text(PreparedStatement statement, int index, String value) throws java.sql.SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }
}
