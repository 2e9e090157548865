package org.ecoplan.progress.episode;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.ecoplan.catalogue.contract.EpisodeState;
import org.ecoplan.catalogue.contract.WarningLevel;
import org.ecoplan.events.MalformedEventException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

/**
 * This service's copy of plan-service's episodes: the latest revision of each, and every unit that was a member at
 * some revision with the report items of its duties. Written only by the episode consumer; read by the daily
 * responses, so that a phone can report while plan-service is down. Plain SQL on the transaction's connection: the
 * writes are upserts guarded by the revision, which is what makes a replayed or older state harmless.
 */
@ApplicationScoped
public class EpisodeReplica {

    private static final TypeReference<List<String>> ITEMS = new TypeReference<>() {
    };

    private final DataSource dataSource;
    private final ObjectMapper mapper;

    EpisodeReplica(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /**
     * Stores the state unless as new a revision is stored, and adds its members and their report items (an older state
     * only ever names items already known, so adding them is harmless too).
     *
     * @return whether the episode's state moved to this revision
     */
    @Transactional(TxType.MANDATORY)
    public boolean apply(EpisodeState state, Instant now) {
        if (state.id() == null || state.id().isBlank() || state.level() == null || state.startsAt() == null
                || state.issuer() == null) {
            throw new MalformedEventException("Episode state " + state.id() + " revision " + state.revision()
                    + " lacks its id, level, issuer or start");
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean stored;
            try (var upsert = connection.prepareStatement("""
                    insert into episode (id, revision, level, issuer, starts_at, expected_end_at, lifted_at, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (id) do update set revision = excluded.revision, level = excluded.level, issuer = excluded.issuer,
                        starts_at = excluded.starts_at, expected_end_at = excluded.expected_end_at, lifted_at = excluded.lifted_at,
                        updated_at = excluded.updated_at
                    where episode.revision < excluded.revision""")) {
                upsert.setString(1, state.id());
                upsert.setLong(2, state.revision());
                upsert.setString(3, state.level().name());
                upsert.setString(4, state.issuer());
                upsert.setTimestamp(5, Timestamp.from(state.startsAt()));
                upsert.setTimestamp(6, state.expectedEndAt() == null ? null : Timestamp.from(state.expectedEndAt()));
                upsert.setTimestamp(7, state.liftedAt() == null ? null : Timestamp.from(state.liftedAt()));
                upsert.setTimestamp(8, Timestamp.from(now));
                stored = upsert.executeUpdate() == 1;
            }
            for (EpisodeState.MemberDuties member : state.members() == null ? List.<EpisodeState.MemberDuties>of() : state.members()) {
                if (member.departmentCode() == null || member.departmentCode().isBlank()) {
                    throw new MalformedEventException("Episode state " + state.id() + " names a member without a department code");
                }
                Set<String> items = new LinkedHashSet<>(member(connection, state.id(), member.departmentCode())
                        .map(Member::reportItems).orElse(List.of()));
                for (EpisodeState.Duty duty : member.duties() == null ? List.<EpisodeState.Duty>of() : member.duties()) {
                    if (duty.reportItems() != null) {
                        duty.reportItems().stream().filter(item -> item != null && !item.isBlank()).map(String::strip)
                                .forEach(items::add);
                    }
                }
                try (var upsert = connection.prepareStatement("""
                        insert into episode_member (episode_id, department_code, department_name, report_items)
                        values (?, ?, ?, cast(? as jsonb))
                        on conflict (episode_id, department_code) do update set report_items = excluded.report_items,
                            department_name = excluded.department_name""")) {
                    upsert.setString(1, state.id());
                    upsert.setString(2, member.departmentCode());
                    upsert.setString(3, member.departmentName() == null ? member.departmentCode() : member.departmentName());
                    upsert.setString(4, json(new ArrayList<>(items)));
                    upsert.executeUpdate();
                }
            }
            Log.debugf("Episode %s revision %d (%s, %s): %s", state.id(), state.revision(), state.change(), state.level(),
                    stored ? "stored" : "not newer than the stored one; members merged");
            return stored;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store episode " + state.id() + " revision " + state.revision(), e);
        }
    }

    public Optional<EpisodeCopy> find(String episodeId) {
        try (Connection connection = dataSource.getConnection();
             var query = connection.prepareStatement("select id, revision, level, starts_at, lifted_at from episode where id = ?")) {
            query.setString(1, episodeId);
            try (var rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                Timestamp lifted = rows.getTimestamp(5);
                return Optional.of(new EpisodeCopy(rows.getString(1), rows.getLong(2), WarningLevel.valueOf(rows.getString(3)),
                        rows.getTimestamp(4).toInstant(), lifted == null ? null : lifted.toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read episode " + episodeId, e);
        }
    }

    public Optional<Member> member(String episodeId, String departmentCode) {
        try (Connection connection = dataSource.getConnection()) {
            return member(connection, episodeId, departmentCode);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read member " + departmentCode + " of episode " + episodeId, e);
        }
    }

    private Optional<Member> member(Connection connection, String episodeId, String departmentCode) throws SQLException {
        try (var query = connection.prepareStatement("""
                select department_code, department_name, report_items::text from episode_member
                where episode_id = ? and department_code = ?""")) {
            query.setString(1, episodeId);
            query.setString(2, departmentCode);
            try (var rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Member(rows.getString(1), rows.getString(2), mapper.readValue(rows.getString(3), ITEMS)));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable report items of " + departmentCode + " in episode " + episodeId, e);
        }
    }

    private String json(List<String> items) {
        try {
            return mapper.writeValueAsString(items);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write report items", e);
        }
    }

    /** An episode as this service knows it: what a response is checked against. */
    public record EpisodeCopy(String id, long revision, WarningLevel level, Instant startsAt, Instant liftedAt) {
    }

    /** A member unit and the quantities its duties ask it to report. */
    public record Member(String departmentCode, String departmentName, List<String> reportItems) {
    }
}
