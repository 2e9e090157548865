package org.ecoplan.notification.episode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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

    private final EpisodeStore store;
    private final EpisodeConfig config;
    private final ObjectMapper mapper;

    EpisodeReports(EpisodeStore store, EpisodeConfig config, ObjectMapper mapper) {
        this.store = store;
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
        UUID responseId;
        String quantities;
        try {
            responseId = UUID.fromString(response.responseId());
            quantities = mapper.writeValueAsString(response.quantities() == null ? List.of() : response.quantities());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("Episode response " + response.responseId() + " is unreadable: " + e.getMessage());
        }
        boolean stored = store.storeResponse(response, responseId, quantities);
        Log.debugf("Episode %s: %s's response for %s revision %d %s", response.episodeId(), response.departmentCode(),
                response.day(), response.revision(), stored ? "stored" : "not newer; dropped");
        return stored;
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
        for (EpisodeStore.Watched episode : store.activeBetween(now.minus(Duration.ofDays(lookBackDays)), now)) {
            missing.addAll(missing(episode, now, zone));
        }
        return missing;
    }

    private List<Missing> missing(EpisodeStore.Watched episode, Instant now, ZoneId zone) {
        List<Missing> missing = new ArrayList<>();
        Instant startsAt = episode.startsAt();
        Instant liftedAt = episode.liftedAt();
        LocalDate last = LocalDate.ofInstant(liftedAt == null ? now : liftedAt, zone);
        for (LocalDate day = LocalDate.ofInstant(startsAt, zone); !day.isAfter(last); day = day.plusDays(1)) {
            Instant due = dueAt(day, zone);
            if (due.isAfter(now) || due.isBefore(startsAt) || (liftedAt != null && !liftedAt.isAfter(due))) {
                continue;
            }
            for (EpisodeStore.Unit unit : store.unitsWithoutResponse(episode.episodeId(), day, due)) {
                missing.add(new Missing(episode.episodeId(), episode.level(), unit.code(), unit.name(), day, due));
            }
        }
        return missing;
    }

    /** A unit's response for {@code day} was due at {@code dueAt} and had not been filed by then. */
    public record Missing(String episodeId, String level, String departmentCode, String departmentName, LocalDate day,
            Instant dueAt) {
    }
}
