package org.ecoplan.plan.episode;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.ecoplan.catalogue.contract.EpisodeEvents;
import org.ecoplan.catalogue.contract.EpisodeState;
import org.ecoplan.catalogue.contract.WarningLevel;
import org.ecoplan.events.EventOutbox;
import org.ecoplan.events.OutgoingEvent;
import org.ecoplan.web.clock.BusinessClock;
import org.ecoplan.web.etag.ETags;
import org.ecoplan.web.paging.Page;
import org.ecoplan.web.paging.PageRequest;
import org.ecoplan.web.problem.ProblemException;

import io.quarkus.logging.Log;

/**
 * Activates, changes and lifts heavy-pollution episodes. Each change is one transaction: the episode row, its history
 * entry and the event ({@code episode.*.v1} with the full state and every member's duties at the new level) in the
 * outbox, so the members are told exactly what was committed. One episode is active at a time: the district
 * responds to one warning, which is upgraded or downgraded rather than doubled.
 */
@ApplicationScoped
public class EpisodeService {

    private final EpisodeRepository episodes;
    private final DutyListService duties;
    private final EventOutbox outbox;
    private final BusinessClock clock;

    EpisodeService(EpisodeRepository episodes, DutyListService duties, EventOutbox outbox, BusinessClock clock) {
        this.episodes = episodes;
        this.duties = duties;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** An episode with its history (oldest first) and every member's duties at its level (none once lifted). */
    public record Detail(Episode episode, List<EpisodeChange> history, List<EpisodeState.MemberDuties> members) {
    }

    @Transactional
    public Detail activate(ActivateRequest request, String actor) {
        if (!request.expectedEndAt().isAfter(request.startsAt())) {
            throw ProblemException.invalidField("expectedEndAt", "must be after startsAt (" + request.startsAt()
                    + ") / 预计结束时间须晚于开始时间");
        }
        // Serialises activations so that two integrators cannot open two episodes at once.
        episodes.lockActivations();
        episodes.findActive().ifPresent(active -> {
            throw ProblemException.conflict("episode " + active.id + " (" + active.level.chineseName()
                    + ") is still active: change its level or lift it first / 已有未解除的预警");
        });
        Episode episode = new Episode();
        episode.id = UUID.randomUUID();
        episode.level = request.level();
        episode.issuer = request.issuer();
        episode.reason = request.reason().strip();
        episode.startsAt = request.startsAt();
        episode.expectedEndAt = request.expectedEndAt();
        episode.revision = 1;
        episode.createdAt = clock.now();
        episode.createdBy = actor;
        episode.dutyListVersion = duties.latest().map(list -> list.version).orElse(null);
        episodes.persist(episode);
        return record(episode, EpisodeEvents.ACTIVATED, null, request.startsAt(), episode.reason, actor);
    }

    @Transactional
    public Detail changeLevel(UUID id, long expectedRevision, LevelChangeRequest request, String actor) {
        Episode episode = locked(id, expectedRevision);
        if (request.level() == episode.level) {
            throw ProblemException.invalidField("level", "the episode is already at " + episode.level + " / 预警级别未变");
        }
        Instant effectiveAt = request.effectiveAt() == null ? clock.now() : request.effectiveAt();
        if (effectiveAt.isBefore(episode.startsAt)) {
            throw ProblemException.invalidField("effectiveAt", "must not be before the episode's start " + episode.startsAt + " / 不得早于开始时间");
        }
        if (request.expectedEndAt() != null) {
            if (!request.expectedEndAt().isAfter(episode.startsAt)) {
                throw ProblemException.invalidField("expectedEndAt", "must be after startsAt (" + episode.startsAt + ") / 预计结束时间须晚于开始时间");
            }
            episode.expectedEndAt = request.expectedEndAt();
        }
        WarningLevel previous = episode.level;
        episode.level = request.level();
        episode.revision++;
        episode.dutyListVersion = duties.latest().map(list -> list.version).orElse(null);
        return record(episode, EpisodeEvents.LEVEL_CHANGED, previous, effectiveAt, request.reason().strip(), actor);
    }

    @Transactional
    public Detail lift(UUID id, long expectedRevision, LiftRequest request, String actor) {
        Episode episode = locked(id, expectedRevision);
        Instant liftedAt = request.liftedAt() == null ? clock.now() : request.liftedAt();
        if (liftedAt.isBefore(episode.startsAt)) {
            throw ProblemException.invalidField("liftedAt", "must not be before the episode's start " + episode.startsAt + " / 不得早于开始时间");
        }
        episode.liftedAt = liftedAt;
        episode.revision++;
        return record(episode, EpisodeEvents.LIFTED, null, liftedAt, request.reason().strip(), actor);
    }

    @Transactional
    public Detail get(UUID id) {
        Episode episode = episodes.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("episode", id));
        return view(episode, members(episode));
    }

    @Transactional
    public Page<Detail> list(PageRequest page) {
        long total = episodes.count();
        return Page.of(episodes.listNewestFirst(page).stream().map(e -> view(e, members(e))).toList(), page, total);
    }

    private Episode locked(UUID id, long expectedRevision) {
        Episode episode = episodes.findLocked(id).orElseThrow(() -> ProblemException.notFound("episode", id));
        ETags.requireCurrent(expectedRevision, episode.revision);
        if (episode.lifted()) {
            throw ProblemException.conflict("episode " + id + " was lifted at " + episode.liftedAt + " / 预警已解除");
        }
        return episode;
    }

    private List<EpisodeState.MemberDuties> members(Episode episode) {
        return episode.lifted() ? List.of() : duties.membersAt(episode.level, episode.dutyListVersion);
    }

    private Detail record(Episode episode, EpisodeEvents change, WarningLevel previous, Instant effectiveAt,
            String reason, String actor) {
        EpisodeChange entry = new EpisodeChange();
        entry.key = new EpisodeChange.Key(episode.id, episode.revision);
        entry.change = change;
        entry.level = episode.level;
        entry.previousLevel = previous;
        entry.effectiveAt = effectiveAt;
        entry.reason = reason;
        entry.recordedAt = clock.now();
        entry.recordedBy = actor;
        entry.persist();
        List<EpisodeState.MemberDuties> members = members(episode);
        EpisodeState state = new EpisodeState(episode.id.toString(), episode.revision, change.name(), episode.level,
                episode.level.chineseName(), previous, episode.issuer.name(), reason, episode.startsAt, episode.expectedEndAt,
                episode.liftedAt, effectiveAt, actor, episode.dutyListVersion, members);
        outbox.record(new OutgoingEvent(EpisodeEvents.TOPIC, EpisodeEvents.AGGREGATE_TYPE, episode.id.toString(),
                change.eventType(), state));
        Log.infof("Episode %s %s at %s (revision %d) by %s; %d member unit(s) told", episode.id, change, episode.level,
                episode.revision, actor, members.size());
        return view(episode, members);
    }

    private Detail view(Episode episode, List<EpisodeState.MemberDuties> members) {
        return new Detail(episode, EpisodeChange.list("key.episodeId = ?1 order by key.revision", episode.id), members);
    }
}
