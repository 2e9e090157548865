package org.ecoplan.notification.alert;

import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * The alert table. Plain SQL because "raise once" is decided by the insert itself (ON CONFLICT DO NOTHING on
 * rule, subject and period, in one batch): two replicas evaluating the same rule never both see an alert as new.
 */
@ApplicationScoped
class AlertStore {

    private static final String INSERT = """
            insert into alert (id, rule, severity, subject_type, subject_id, period, plan_id, title, reason,
                               departments, business_date, raised_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (rule, subject_id, period) do nothing""";

    private final DataSource dataSource;

    AlertStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores the alerts whose rule, subject and period have none yet; @return those, in the given order. */
    @Transactional(TxType.MANDATORY)
    List<RaisedAlert> insertNew(List<RaisedAlert> alerts) {
        List<RaisedAlert> inserted = new ArrayList<>();
        // The pool hands out the connection enlisted in the caller's transaction.
        try (var connection = dataSource.getConnection(); var insert = connection.prepareStatement(INSERT)) {
            for (RaisedAlert alert : alerts) {
                AlertDraft draft = alert.draft();
                insert.setObject(1, alert.id());
                insert.setString(2, draft.rule().name());
                insert.setString(3, draft.severity().name());
                insert.setString(4, draft.subjectType().name());
                insert.setString(5, draft.subjectId());
                insert.setString(6, draft.period());
                insert.setString(7, draft.planId());
                insert.setString(8, draft.title());
                insert.setString(9, draft.reason());
                insert.setString(10, String.join(",", draft.departments()));
                insert.setDate(11, Date.valueOf(draft.businessDate()));
                insert.setTimestamp(12, Timestamp.from(alert.raisedAt()));
                insert.addBatch();
            }
            int[] counts = insert.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 1) {
                    inserted.add(alerts.get(i));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store " + alerts.size() + " alert(s)", e);
        }
        return inserted;
    }
}
