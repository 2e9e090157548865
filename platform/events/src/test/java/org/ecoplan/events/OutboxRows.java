package org.ecoplan.events;

import java.sql.SQLException;
import javax.sql.DataSource;

/** Counts an aggregate's rows in the outbox table, for tests that watch the relay work through it. */
final class OutboxRows {

    private OutboxRows() {
    }

    static int all(DataSource dataSource, String aggregateId) {
        return count(dataSource, "select count(*) from event_outbox where aggregate_id = ?", aggregateId);
    }

    static int unpublished(DataSource dataSource, String aggregateId) {
        return count(dataSource, "select count(*) from event_outbox where aggregate_id = ? and published_at is null",
                aggregateId);
    }

    private static int count(DataSource dataSource, String sql, String aggregateId) {
        try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(sql)) {
            statement.setString(1, aggregateId);
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
