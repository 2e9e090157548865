package org.ecoplan.notification.supervision;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecoplan.indicator.contract.IndicatorStatusChanged;

/** The latest indicator judgement seen, so that older sequences are dropped. */
@ApplicationScoped
public class IndicatorWatch {

    private static final String APPLY = """
            insert into indicator_watch (indicator_id, sequence, status, updated_at) values (?, ?, ?, ?)
            on conflict (indicator_id) do update
            set sequence = excluded.sequence, status = excluded.status, updated_at = excluded.updated_at
            where indicator_watch.sequence < excluded.sequence""";

    private final DataSource dataSource;

    IndicatorWatch(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return false if a newer judgement of the indicator was seen already */
    public boolean apply(IndicatorStatusChanged change, Instant now) {
        try (var connection = dataSource.getConnection(); var upsert = connection.prepareStatement(APPLY)) {
            upsert.setString(1, change.indicatorId());
            upsert.setLong(2, change.sequence());
            upsert.setString(3, change.status() == null ? null : change.status().name());
            upsert.setTimestamp(4, Timestamp.from(now));
            return upsert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store the status of indicator " + change.indicatorId(), e);
        }
    }
}
