package org.ecoplan.notification.episode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.ecoplan.web.clock.BusinessClock;
import org.ecoplan.web.problem.ProblemException;

/** Member units acknowledge the duties sent to them; supervisors read who did and when. */
@ApplicationScoped
public class EpisodeAcknowledgements {

    private static final String COLUMNS = """
            episode_id, revision, department_code, department_name, level, requested_at, acknowledged_at, acknowledged_by,
            closed_at""";

    private final DataSource dataSource;
    private final BusinessClock clock;
    private final EpisodeConfig config;

    EpisodeAcknowledgements(DataSource dataSource, BusinessClock clock, EpisodeConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.config = config;
    }

    /**
     * Acknowledges the department's latest request of the episode. Again for the same request: the first
     * acknowledgement stands and is answered (idempotent, a phone may send it twice).
     */
    @Transactional
    public Acknowledgement acknowledge(String episodeId, String department, String actor) {
        try (Connection connection = dataSource.getConnection()) {
            Acknowledgement latest;
            try (var query = connection.prepareStatement("select " + COLUMNS + """
                     from episode_acknowledgement where episode_id = ? and department_code = ?
                    order by revision desc limit 1 for update""")) {
                query.setString(1, episodeId);
                query.setString(2, department);
                try (var rows = query.executeQuery()) {
                    if (!rows.next()) {
                        throw ProblemException.notFound("duties of episode " + episodeId + " for department", department);
                    }
                    latest = read(rows);
                }
            }
            if (latest.acknowledgedAt() != null) {
                return latest;
            }
            if (latest.closedAt() != null) {
                throw ProblemException.conflict("episode " + episodeId + " was lifted: nothing to acknowledge / 预警已解除，无需确认");
            }
            Instant now = clock.now();
            try (var update = connection.prepareStatement("""
                    update episode_acknowledgement set acknowledged_at = ?, acknowledged_by = ?
                    where episode_id = ? and revision = ? and department_code = ?""")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setString(2, actor);
                update.setString(3, episodeId);
                update.setLong(4, latest.revision());
                update.setString(5, department);
                update.executeUpdate();
            }
            return new Acknowledgement(latest.episodeId(), latest.revision(), latest.departmentCode(), latest.departmentName(),
                    latest.level(), latest.requestedAt(), latest.dueAt(), now, actor, null);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot acknowledge episode " + episodeId + " for " + department, e);
        }
    }

    /** Every request of the episode, by revision and department; 404 if none was sent. */
    @Transactional
    public List<Acknowledgement> list(String episodeId) {
        List<Acknowledgement> all = requests(episodeId);
        if (all.isEmpty()) {
            throw ProblemException.notFound("episode", episodeId);
        }
        return all;
    }

    /** Every request of the episode, by revision and department; empty if none was sent. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Acknowledgement> requests(String episodeId) {
        try (Connection connection = dataSource.getConnection();
             var query = connection.prepareStatement("select " + COLUMNS
                     + " from episode_acknowledgement where episode_id = ? order by revision, department_code")) {
            query.setString(1, episodeId);
            List<Acknowledgement> all = new ArrayList<>();
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    all.add(read(rows));
                }
            }
            return all;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the acknowledgements of episode " + episodeId, e);
        }
    }

    /** Requests neither acknowledged nor closed that were sent at or before {@code sentBy}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Acknowledgement> openSentBy(Instant sentBy) {
        try (Connection connection = dataSource.getConnection();
             var query = connection.prepareStatement("select " + COLUMNS + """
                      from episode_acknowledgement
                     where acknowledged_at is null and closed_at is null and requested_at <= ?
                     order by requested_at, episode_id, department_code""")) {
            query.setTimestamp(1, Timestamp.from(sentBy));
            List<Acknowledgement> open = new ArrayList<>();
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    open.add(read(rows));
                }
            }
            return open;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read open acknowledgements", e);
        }
    }

    private Acknowledgement read(ResultSet rows) throws SQLException {
        Instant requested = rows.getTimestamp("requested_at").toInstant();
        Timestamp acknowledged = rows.getTimestamp("acknowledged_at");
        Timestamp closed = rows.getTimestamp("closed_at");
        return new Acknowledgement(rows.getString("episode_id"), rows.getLong("revision"), rows.getString("department_code"),
                rows.getString("department_name"), rows.getString("level"), requested, requested.plus(config.acknowledgeWithin()),
                acknowledged == null ? null : acknowledged.toInstant(), rows.getString("acknowledged_by"),
                closed == null ? null : closed.toInstant());
    }

    /**
     * @param revision the episode revision whose duties are acknowledged (activation 1, each level change +1)
     * @param dueAt    requestedAt + {@code ecoplan.episodes.acknowledge-within}
     * @param closedAt a later level or the lifting settled it; it is not escalated any more
     */
    public record Acknowledgement(String episodeId, long revision, String departmentCode, String departmentName, String level,
            Instant requestedAt, Instant dueAt, Instant acknowledgedAt, String acknowledgedBy, Instant closedAt) {
    }
}
