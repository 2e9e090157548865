package org.ecoplan.notification.episode;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.ecoplan.catalogue.contract.EpisodeState;
import org.ecoplan.notification.alert.AlertRule;
import org.ecoplan.progress.contract.EpisodeResponseSubmitted;

/**
 * The episodes as this service keeps them, in the caller's transaction: the latest revision applied per episode
 * ({@code episode_watch}), the acknowledgement requests sent to member units ({@code episode_acknowledgement}) and their
 * daily responses ({@code episode_report}). Plain SQL because a stale or repeated revision is dropped by the upsert
 * itself (so two replicas or a replay apply each revision once), a request is sent once by ON CONFLICT DO NOTHING, and
 * the missing responses are found over many rows with one {@code not exists} per episode and day.
 */
@ApplicationScoped
class EpisodeStore {

    private static final String REQUEST_COLUMNS = """
            episode_id, revision, department_code, department_name, level, requested_at, acknowledged_at, acknowledged_by,
            closed_at""";

    private final DataSource dataSource;

    EpisodeStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores the episode's revision unless one as new was stored; @return false when this state is stale or repeated. */
    @Transactional(TxType.MANDATORY)
    boolean advance(EpisodeState state, Instant now) {
        try (var connection = dataSource.getConnection(); var upsert = connection.prepareStatement("""
                insert into episode_watch (episode_id, revision, level, lifted_at, updated_at, starts_at, issuer)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (episode_id) do update set revision = excluded.revision, level = excluded.level,
                    lifted_at = excluded.lifted_at, updated_at = excluded.updated_at, starts_at = excluded.starts_at,
                    issuer = excluded.issuer
                where episode_watch.revision < excluded.revision""")) {
            upsert.setString(1, state.id());
            upsert.setLong(2, state.revision());
            upsert.setString(3, state.level().name());
            upsert.setTimestamp(4, state.liftedAt() == null ? null : Timestamp.from(state.liftedAt()));
            upsert.setTimestamp(5, Timestamp.from(now));
            upsert.setTimestamp(6, state.startsAt() == null ? null : Timestamp.from(state.startsAt()));
            upsert.setString(7, state.issuer());
            return upsert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot apply episode " + state.id() + " revision " + state.revision(), e);
        }
    }

    /** The episode as last applied, if any. */
    @Transactional(TxType.MANDATORY)
    Optional<Watched> watched(String episodeId) {
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement(
                "select episode_id, level, starts_at, lifted_at, issuer from episode_watch where episode_id = ?")) {
            query.setString(1, episodeId);
            try (var rows = query.executeQuery()) {
                return rows.next() ? Optional.of(watched(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read episode " + episodeId, e);
        }
    }

    /** The episodes that had started by {@code now} and were not lifted before {@code since}, by id. */
    @Transactional(TxType.MANDATORY)
    List<Watched> activeBetween(Instant since, Instant now) {
        List<Watched> episodes = new ArrayList<>();
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement("""
                select episode_id, level, starts_at, lifted_at, issuer from episode_watch
                where starts_at is not null and starts_at <= ? and (lifted_at is null or lifted_at > ?)
                order by episode_id""")) {
            query.setTimestamp(1, Timestamp.from(now));
            query.setTimestamp(2, Timestamp.from(since));
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    episodes.add(watched(rows));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the episodes' daily reports", e);
        }
        return episodes;
    }

    /** Closes the episode's open requests of revisions before {@code revision}: a later state settled them. */
    @Transactional(TxType.MANDATORY)
    void closeRequestsBefore(String episodeId, long revision, Instant now) {
        try (var connection = dataSource.getConnection(); var close = connection.prepareStatement("""
                update episode_acknowledgement set closed_at = ? where episode_id = ? and revision < ? and closed_at is null""")) {
            close.setTimestamp(1, Timestamp.from(now));
            close.setString(2, episodeId);
            close.setLong(3, revision);
            close.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot close the requests of episode " + episodeId, e);
        }
    }

    /** Stores the requests to acknowledge a revision's duties, each unless it was stored already. */
    @Transactional(TxType.MANDATORY)
    void insertRequests(List<NewRequest> requests, Instant now) {
        if (requests.isEmpty()) {
            return;
        }
        try (var connection = dataSource.getConnection(); var insert = connection.prepareStatement("""
                insert into episode_acknowledgement (episode_id, revision, department_code, department_name, level,
                                                     message_id, requested_at)
                values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")) {
            for (NewRequest request : requests) {
                insert.setString(1, request.episodeId());
                insert.setLong(2, request.revision());
                insert.setString(3, request.departmentCode());
                insert.setString(4, request.departmentName());
                insert.setString(5, request.level());
                insert.setObject(6, request.messageId());
                insert.setTimestamp(7, Timestamp.from(now));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store the requests of episode " + requests.get(0).episodeId(), e);
        }
    }

    /** Every unit the episode's duties were ever sent to, by code. */
    @Transactional(TxType.MANDATORY)
    List<String> departmentsRequested(String episodeId) {
        List<String> departments = new ArrayList<>();
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement(
                "select distinct department_code from episode_acknowledgement where episode_id = ? order by department_code")) {
            query.setString(1, episodeId);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    departments.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the units of episode " + episodeId, e);
        }
        return departments;
    }

    /** The department's latest request of the episode, locked until the transaction ends. */
    @Transactional(TxType.MANDATORY)
    Optional<Request> latestRequestLocked(String episodeId, String department) {
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement("select " + REQUEST_COLUMNS + """
                 from episode_acknowledgement where episode_id = ? and department_code = ?
                order by revision desc limit 1 for update""")) {
            query.setString(1, episodeId);
            query.setString(2, department);
            try (var rows = query.executeQuery()) {
                return rows.next() ? Optional.of(request(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot acknowledge episode " + episodeId + " for " + department, e);
        }
    }

    @Transactional(TxType.MANDATORY)
    void markAcknowledged(String episodeId, long revision, String department, Instant at, String actor) {
        try (var connection = dataSource.getConnection(); var update = connection.prepareStatement("""
                update episode_acknowledgement set acknowledged_at = ?, acknowledged_by = ?
                where episode_id = ? and revision = ? and department_code = ?""")) {
            update.setTimestamp(1, Timestamp.from(at));
            update.setString(2, actor);
            update.setString(3, episodeId);
            update.setLong(4, revision);
            update.setString(5, department);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot acknowledge episode " + episodeId + " for " + department, e);
        }
    }

    /** Every request of the episode, by revision and department. */
    @Transactional(TxType.MANDATORY)
    List<Request> requests(String episodeId) {
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement("select " + REQUEST_COLUMNS
                + " from episode_acknowledgement where episode_id = ? order by revision, department_code")) {
            query.setString(1, episodeId);
            return requests(query.executeQuery());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the acknowledgements of episode " + episodeId, e);
        }
    }

    /** Requests neither acknowledged nor closed that were sent at or before {@code sentBy}. */
    @Transactional(TxType.MANDATORY)
    List<Request> openSentBy(Instant sentBy) {
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement("select " + REQUEST_COLUMNS + """
                 from episode_acknowledgement
                where acknowledged_at is null and closed_at is null and requested_at <= ?
                order by requested_at, episode_id, department_code""")) {
            query.setTimestamp(1, Timestamp.from(sentBy));
            return requests(query.executeQuery());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read open acknowledgements", e);
        }
    }

    /**
     * Keeps the response unless a newer revision of it is kept (the first filing's time stays the earliest);
     * @return whether it was stored
     */
    @Transactional(TxType.MANDATORY)
    boolean storeResponse(EpisodeResponseSubmitted response, UUID responseId, String quantitiesJson) {
        try (var connection = dataSource.getConnection(); var upsert = connection.prepareStatement("""
                insert into episode_report (episode_id, department_code, day, response_id, revision, first_submitted_at, quantities)
                values (?, ?, ?, ?, ?, ?, cast(? as jsonb))
                on conflict (episode_id, department_code, day) do update set response_id = excluded.response_id,
                    revision = excluded.revision, quantities = excluded.quantities,
                    first_submitted_at = least(episode_report.first_submitted_at, excluded.first_submitted_at)
                where episode_report.revision < excluded.revision""")) {
            upsert.setString(1, response.episodeId());
            upsert.setString(2, response.departmentCode());
            upsert.setDate(3, Date.valueOf(response.day()));
            upsert.setObject(4, responseId);
            upsert.setLong(5, response.revision());
            upsert.setTimestamp(6, Timestamp.from(response.firstSubmittedAt()));
            upsert.setString(7, quantitiesJson);
            return upsert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store episode response " + response.responseId(), e);
        }
    }

    /** The units that had been sent the episode's duties by {@code due} and had not filed {@code day}'s response by then. */
    @Transactional(TxType.MANDATORY)
    List<Unit> unitsWithoutResponse(String episodeId, LocalDate day, Instant due) {
        List<Unit> units = new ArrayList<>();
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement("""
                select a.department_code, min(a.department_name)
                  from episode_acknowledgement a
                 where a.episode_id = ? and a.requested_at <= ?
                   and not exists (select 1 from episode_report r where r.episode_id = a.episode_id
                                      and r.department_code = a.department_code and r.day = ? and r.first_submitted_at <= ?)
                 group by a.department_code order by a.department_code""")) {
            query.setString(1, episodeId);
            query.setTimestamp(2, Timestamp.from(due));
            query.setDate(3, Date.valueOf(day));
            query.setTimestamp(4, Timestamp.from(due));
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    units.add(new Unit(rows.getString(1), rows.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the episodes' daily reports", e);
        }
        return units;
    }

    /** The episode's stored daily responses, by unit and day. */
    @Transactional(TxType.MANDATORY)
    List<Response> responses(String episodeId) {
        List<Response> responses = new ArrayList<>();
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement("""
                select department_code, day, first_submitted_at, quantities::text from episode_report
                where episode_id = ? order by department_code, day""")) {
            query.setString(1, episodeId);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    responses.add(new Response(rows.getString(1), rows.getDate(2).toLocalDate(), rows.getTimestamp(3).toInstant(),
                            rows.getString(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot assess episode " + episodeId, e);
        }
        return responses;
    }

    /** The escalation alerts raised for the episode, by period then rule (descending). */
    @Transactional(TxType.MANDATORY)
    List<Escalation> escalations(String episodeId) {
        List<Escalation> escalations = new ArrayList<>();
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement("""
                select period, rule from alert where subject_id = ? and rule in (?, ?) order by period, rule desc""")) {
            query.setString(1, episodeId);
            query.setString(2, AlertRule.EPISODE_UNACKNOWLEDGED.name());
            query.setString(3, AlertRule.EPISODE_ESCALATED_TO_HEAD.name());
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    escalations.add(new Escalation(rows.getString(1), AlertRule.valueOf(rows.getString(2))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot assess episode " + episodeId, e);
        }
        return escalations;
    }

    private static Watched watched(ResultSet rows) throws SQLException {
        return new Watched(rows.getString(1), rows.getString(2), instant(rows.getTimestamp(3)), instant(rows.getTimestamp(4)),
                rows.getString(5));
    }

    private static List<Request> requests(ResultSet rows) throws SQLException {
        try (rows) {
            List<Request> all = new ArrayList<>();
            while (rows.next()) {
                all.add(request(rows));
            }
            return all;
        }
    }

    private static Request request(ResultSet rows) throws SQLException {
        return new Request(rows.getString("episode_id"), rows.getLong("revision"), rows.getString("department_code"),
                rows.getString("department_name"), rows.getString("level"), rows.getTimestamp("requested_at").toInstant(),
                instant(rows.getTimestamp("acknowledged_at")), rows.getString("acknowledged_by"),
                instant(rows.getTimestamp("closed_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** An episode as last applied; {@code startsAt} and {@code liftedAt} may be null. */
    record Watched(String episodeId, String level, Instant startsAt, Instant liftedAt, String issuer) {
    }

    /** A request to acknowledge a revision's duties, to write. */
    record NewRequest(String episodeId, long revision, String departmentCode, String departmentName, String level, UUID messageId) {
    }

    /** A stored request to acknowledge a revision's duties. */
    record Request(String episodeId, long revision, String departmentCode, String departmentName, String level,
            Instant requestedAt, Instant acknowledgedAt, String acknowledgedBy, Instant closedAt) {
    }

    /** A member unit. */
    record Unit(String code, String name) {
    }

    /** A unit's stored response for a day; the quantities as stored JSON. */
    record Response(String departmentCode, LocalDate day, Instant firstSubmittedAt, String quantitiesJson) {
    }

    /** An escalation alert's period ("unit@revN") and rule. */
    record Escalation(String period, AlertRule rule) {
    }
}
