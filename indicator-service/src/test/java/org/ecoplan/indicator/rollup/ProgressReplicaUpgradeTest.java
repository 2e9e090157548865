package org.ecoplan.indicator.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.UUID;

import org.ecoplan.progress.contract.DeliveryAssessment;
import org.ecoplan.progress.contract.DeliveryState;
import org.ecoplan.testing.ServiceMigrations;
import org.ecoplan.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * An instance upgraded from before the shared progress replica keeps what its roll-ups knew: the rows of its former
 * {@code measure_progress} and {@code report_seen} are in the replica's tables, the delivery assessment also as the
 * contract's JSON, and the old tables are gone. Migrated with the locations of the service's own configuration, in a
 * schema of its own in the test database.
 */
class ProgressReplicaUpgradeTest {

    @Test
    void theRowsKeptBeforeTheMoveAreInTheReplica() throws Exception {
        String schema = "upgrade_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(TestInfrastructure.jdbcUrl(), TestInfrastructure.username(),
                TestInfrastructure.password()); Statement statement = connection.createStatement()) {
            try {
                ServiceMigrations.upTo(schema, "2026.12.16.20").migrate();
                statement.execute("set search_path to " + schema);
                statement.execute("""
                        insert into measure_progress (measure_id, sequence, status, overdue, deadline, completed_on,
                            completed_on_time, last_reported_period, changed_at, percent_complete, delivery_state, assessed_on,
                            window_start, window_end, expected_percent, pace_gap, overdue_since, days_late,
                            based_on_report_id, last_approved_at)
                        values ('m-1', 4, 'ON_TRACK', false, date '2026-12-31', null, null, '2026-05',
                            timestamptz '2026-06-02 08:00+08', 20, 'BEHIND_PACE', date '2026-06-01', date '2026-01-01',
                            date '2026-12-31', 42, 22, null, null, 'r-1', timestamptz '2026-05-20 10:00+08'),
                            ('m-2', 1, 'NOT_STARTED', false, null, null, null, null, timestamptz '2026-06-03 08:00+08',
                            null, null, null, null, null, null, null, null, null, null, null)""");
                statement.execute("""
                        insert into report_seen (report_id, measure_id, revision, period, state)
                        values ('r-1', 'm-1', 2, '2026-05', 'APPROVED')""");

                ServiceMigrations.upTo(schema, "latest").migrate();

                try (ResultSet row = statement.executeQuery("""
                        select sequence, status, deadline::text, percent_complete, last_reported_period, based_on_report_id,
                            delivery::text, delivery_state, pace_gap, changed_at = timestamptz '2026-06-02 08:00+08',
                            last_approved_at = timestamptz '2026-05-20 10:00+08', noted_reported_period
                        from progress_replica_measure where measure_id = 'm-1'""")) {
                    assertTrue(row.next());
                    assertEquals(4, row.getLong(1));
                    assertEquals("ON_TRACK", row.getString(2));
                    assertEquals("2026-12-31", row.getString(3));
                    assertEquals(20, row.getInt(4));
                    assertEquals("2026-05", row.getString(5));
                    assertEquals("r-1", row.getString(6));
                    assertEquals(DeliveryAssessment.of(DeliveryState.BEHIND_PACE, LocalDate.of(2026, 6, 1), LocalDate.of(2026, 1, 1),
                            LocalDate.of(2026, 12, 31), 42, 22, null, null),
                            new ObjectMapper().registerModule(new JavaTimeModule()).readValue(row.getString(7), DeliveryAssessment.class));
                    assertEquals("BEHIND_PACE", row.getString(8));
                    assertEquals(22, row.getInt(9));
                    assertTrue(row.getBoolean(10));
                    assertTrue(row.getBoolean(11));
                    assertNull(row.getString(12));
                }
                try (ResultSet row = statement.executeQuery(
                        "select sequence, delivery is null, delivery_state from progress_replica_measure where measure_id = 'm-2'")) {
                    assertTrue(row.next());
                    assertEquals(1, row.getLong(1));
                    assertTrue(row.getBoolean(2));
                    assertNull(row.getString(3));
                }
                try (ResultSet row = statement.executeQuery(
                        "select revision, measure_id, period, state from progress_replica_report where report_id = 'r-1'")) {
                    assertTrue(row.next());
                    assertEquals(2, row.getLong(1));
                    assertEquals("m-1 2026-05 APPROVED", String.join(" ", row.getString(2), row.getString(3), row.getString(4)));
                }
                try (ResultSet old = statement.executeQuery("select to_regclass('measure_progress'), to_regclass('report_seen')")) {
                    assertTrue(old.next());
                    assertNull(old.getString(1));
                    assertNull(old.getString(2));
                }
            } finally {
                statement.execute("drop schema if exists " + schema + " cascade");
            }
        }
    }

}
