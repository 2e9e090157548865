package org.ecoplan.notification.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import org.ecoplan.testing.ServiceMigrations;
import org.ecoplan.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * An instance upgraded from before the shared progress replica keeps what it knew: the rows of its former
 * {@code measure_progress} and {@code report_review} are in the replica's tables, the old tables are gone. Migrated
 * with the locations of the service's own configuration, in a schema of its own in the test database.
 */
class ProgressReplicaUpgradeTest {

    @Test
    void theRowsKeptBeforeTheMoveAreInTheReplica() throws Exception {
        String schema = "upgrade_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(TestInfrastructure.jdbcUrl(), TestInfrastructure.username(),
                TestInfrastructure.password()); Statement statement = connection.createStatement()) {
            try {
                ServiceMigrations.upTo(schema, "2026.12.22.1").migrate();
                statement.execute("set search_path to " + schema);
                statement.execute("""
                        insert into measure_progress (measure_id, sequence, status, overdue, percent_complete, completed_on,
                            last_reported_period, updated_at, delivery, delivery_state, last_approved_at)
                        values ('m-1', 7, 'DELAYED', true, 30, null, '2026-05', timestamptz '2026-06-02 08:00+08',
                            '{"state":"OVERDUE","stateName":"已逾期","assessedOn":"2026-06-01","windowStart":"2026-01-01",
                              "windowEnd":"2026-04-30","expectedPercent":null,"paceGap":null,"overdueSince":"2026-05-01",
                              "daysLate":32}', 'OVERDUE', timestamptz '2026-05-20 10:00+08'),
                            ('m-2', -1, 'NOT_STARTED', false, 0, null, '2026-06', timestamptz '2026-06-03 08:00+08',
                            null, null, null)""");
                statement.execute("""
                        insert into report_review (report_id, revision, measure_id, plan_id, period, state, department_code,
                            reporter, submitted_at, updated_at)
                        values ('r-1', 3, 'm-1', 'p-1', '2026-06', 'SUBMITTED', 'YQ-ST', 'alice',
                            timestamptz '2026-06-04 09:00+08', timestamptz '2026-06-04 09:00+08')""");

                ServiceMigrations.upTo(schema, "latest").migrate();

                try (ResultSet row = statement.executeQuery("""
                        select sequence, status, overdue, percent_complete, last_reported_period, noted_reported_period,
                            delivery ->> 'stateName', delivery_state, days_late, overdue_since::text, last_approved_at
                            = timestamptz '2026-05-20 10:00+08', updated_at = timestamptz '2026-06-02 08:00+08'
                        from progress_replica_measure where measure_id = 'm-1'""")) {
                    assertTrue(row.next());
                    assertEquals(7, row.getLong(1));
                    assertEquals("DELAYED", row.getString(2));
                    assertTrue(row.getBoolean(3));
                    assertEquals(30, row.getInt(4));
                    assertEquals("2026-05", row.getString(5));
                    assertEquals("2026-05", row.getString(6));
                    assertEquals("已逾期", row.getString(7));
                    assertEquals("OVERDUE", row.getString(8));
                    assertEquals(32, row.getInt(9));
                    assertEquals("2026-05-01", row.getString(10));
                    assertTrue(row.getBoolean(11));
                    assertTrue(row.getBoolean(12));
                }
                try (ResultSet row = statement.executeQuery(
                        "select sequence, noted_reported_period, delivery is null from progress_replica_measure where measure_id = 'm-2'")) {
                    assertTrue(row.next());
                    assertEquals(-1, row.getLong(1));
                    assertEquals("2026-06", row.getString(2));
                    assertTrue(row.getBoolean(3));
                }
                try (ResultSet row = statement.executeQuery("""
                        select revision, measure_id, plan_id, period, state, department_code, reporter,
                            submitted_at = timestamptz '2026-06-04 09:00+08'
                        from progress_replica_report where report_id = 'r-1'""")) {
                    assertTrue(row.next());
                    assertEquals(3, row.getLong(1));
                    assertEquals("m-1 p-1 2026-06 SUBMITTED YQ-ST alice", String.join(" ", row.getString(2), row.getString(3),
                            row.getString(4), row.getString(5), row.getString(6), row.getString(7)));
                    assertTrue(row.getBoolean(8));
                }
                try (ResultSet old = statement.executeQuery("select to_regclass('measure_progress'), to_regclass('report_review')")) {
                    assertTrue(old.next());
                    assertEquals(null, old.getString(1));
                    assertEquals(null, old.getString(2));
                    assertFalse(old.next());
                }
            } finally {
                statement.execute("drop schema if exists " + schema + " cascade");
            }
        }
    }

}
