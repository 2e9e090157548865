package org.ecoplan.notification.episode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.ecoplan.events.MalformedEventException;
import org.ecoplan.progress.contract.EpisodeResponseSubmitted;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;

/**
 * The member units' daily responses as progress-service publishes them, one row per episode, unit and day (the latest
 * revision's quantities, the first filing's time), and the rule that says which were due when: a day's response is due
 * by {@code ecoplan.episodes.daily-report-hour} of that day, from every unit that had been sent duties by then, while
 * the episode was active at that hour (it had started and was not lifted yet).
 */
@ApplicationScoped
public class EpisodeReports {

    private final DataSource dataSource;
    private final EpisodeConfig config;
    private final ObjectMapper mapper;

    EpisodeReports(DataSource dataSource, EpisodeConfig config, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.config = config;
        this.mapper = mapper;
    }

    /** Keeps the response unless a newer revision of it is kept; @return whether it was stored. */
    @Transactional(TxType.MANDATORY)
    public boolean record(EpisodeResponseSubmitted response) {
        if (response.episodeId() == null || response.departmentCode() == null || response.day() == null
                || response.responseId() == null || response.firstSubmittedAt() == null) {
            throw new MalformedEventException("Episode response " + response.responseId() + " lacks its episode, unit, day or time");
        }
        try (Connection connection = dataSource.getConnection();
             var upsert = connection.prepareStatement("""
                     insert into episode_report (episode_id, department_code, day, response_id, revision, first_submitted_at, quantities)
                     values (?, ?, ?, ?, ?, ?, cast(? as jsonb))
                     on conflict (episode_id, department_code, day) do update set response_id = excluded.response_id,
                         revision = excluded.revision, quantities = excluded.quantities,
                         first_submitted_at = least(episode_report.first_submitted_at, excluded.first_submitted_at)
                     where episode_report.revision < excluded.revision""")) {
            upsert.setString(1, response.episodeId());
            upsert.setString(2, response.departmentCode());
            upsert.setDate(3, Date.valueOf(response.day()));
            upsert.setObject(4, java.util.UUID.fromString(response.responseId()));
            upsert.setLong(5, response.revision());
            upsert.setTimestamp(6, Timestamp.from(response.firstSubmittedAt()));
            upsert.setString(7, mapper.writeValueAsString(response.quantities() == null ? List.of() : response.quantities()));
            boolean stored = upsert.executeUpdate() == 1;
            Log.debugf("Episode %s: %s's response for %s revision %d %s", response.episodeId(), response.departmentCode(),
                    response.day(), response.revision(), stored ? "stored" : "not newer; dropped");
            return stored;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("Episode response " + response.responseId() + " is unreadable: " + e.getMessage());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store episode response " + response.responseId(), e);
        }
    }

    /** When the response for {@code day} is due: the configured hour of that day, in the district's zone. */
    public Instant dueAt(LocalDate day, ZoneId zone) {
        return ZonedDateTime.of(day.atTime(config.dailyReportHour(), 0), zone).toInstant();
    }

    /**
     * Every response that was due by {@code now} and was not filed by its due time, for episodes active within the
     * last {@code lookBackDays} days (older ones were checked while they ran).
     */
    @Transactional(TxType.MANDATORY)
    public List<Missing> missingBy(Instant now, ZoneId zone, int lookBackDays) {
        List<Missing> missing = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            List<Object[]> episodes = new ArrayList<>();
            try (var query = connection.prepareStatement("""
                    select episode_id, level, starts_at, lifted_at from episode_watch
                    where starts_at is not null and starts_at <= ? and (lifted_at is null or lifted_at > ?)
                    order by episode_id""")) {
                query.setTimestamp(1, Timestamp.from(now));
                query.setTimestamp(2, Timestamp.from(now.minus(java.time.Duration.ofDays(lookBackDays))));
                try (var rows = query.executeQuery()) {
                    while (rows.next()) {
                        Timestamp lifted = rows.getTimestamp(4);
                        episodes.add(new Object[] { rows.getString(1), rows.getString(2), rows.getTimestamp(3).toInstant(),
                                lifted == null ? null : lifted.toInstant() });
                    }
                }
            }
            for (Object[] episode : episodes) {
                missing.addAll(missing(connection, (String) episode[0], (String) episode[1], (Instant) episode[2],
                        (Instant) episode[3], now, zone));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the episodes' daily reports", e);
        }
        return missing;
    }

    private List<Missing> missing(Connection connection, String episodeId, String level, Instant startsAt, Instant liftedAt,
            Instant now, ZoneId zone) throws SQLException {
        List<Missing> missing = new ArrayList<>();
        LocalDate last = LocalDate.ofInstant(liftedAt == null ? now : liftedAt, zone);
        for (LocalDate day = LocalDate.ofInstant(startsAt, zone); !day.isAfter(last); day = day.plusDays(1)) {
            Instant due = dueAt(day, zone);
            if (due.isAfter(now) || due.isBefore(startsAt) || (liftedAt != null && !liftedAt.isAfter(due))) {
                continue;
            }
            try (var query = connection.prepareStatement("""
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
                        missing.add(new Missing(episodeId, level, rows.getString(1), rows.getString(2), day, due));
                    }
                }
            }
        }
        return missing;
    }

    /** A unit's response for {@code day} was due at {@code dueAt} and had not been filed by then. */
    public record Missing(String episodeId, String level, String departmentCode, String departmentName, LocalDate day,
            Instant dueAt) {
    }
}
