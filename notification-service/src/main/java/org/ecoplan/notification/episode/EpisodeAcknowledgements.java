package org.ecoplan.notification.episode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.ecoplan.web.clock.BusinessClock;
import org.ecoplan.web.problem.ProblemException;

/** Member units acknowledge the duties sent to them; supervisors read who did and when. */
@ApplicationScoped
public class EpisodeAcknowledgements {

    private final EpisodeStore store;
    private final BusinessClock clock;
    private final EpisodeConfig config;

    EpisodeAcknowledgements(EpisodeStore store, BusinessClock clock, EpisodeConfig config) {
        this.store = store;
        this.clock = clock;
        this.config = config;
    }

    /**
     * Acknowledges the department's latest request of the episode. Again for the same request: the first
     * acknowledgement stands and is answered (idempotent, a phone may send it twice).
     */
    @Transactional
    public Acknowledgement acknowledge(String episodeId, String department, String actor) {
        Acknowledgement latest = store.latestRequestLocked(episodeId, department).map(this::acknowledgement)
                .orElseThrow(() -> ProblemException.notFound("duties of episode " + episodeId + " for department", department));
        if (latest.acknowledgedAt() != null) {
            return latest;
        }
        if (latest.closedAt() != null) {
            throw ProblemException.conflict("episode " + episodeId + " was lifted: nothing to acknowledge / 预警已解除，无需确认");
        }
        Instant now = clock.now();
        store.markAcknowledged(episodeId, latest.revision(), department, now, actor);
        return new Acknowledgement(latest.episodeId(), latest.revision(), latest.departmentCode(), latest.departmentName(),
                latest.level(), latest.requestedAt(), latest.dueAt(), now, actor, null);
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
        return store.requests(episodeId).stream().map(this::acknowledgement).toList();
    }

    /** Requests neither acknowledged nor closed that were sent at or before {@code sentBy}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Acknowledgement> openSentBy(Instant sentBy) {
        return store.openSentBy(sentBy).stream().map(this::acknowledgement).toList();
    }

    /** A request as the units and supervisors see it: due {@code ecoplan.episodes.acknowledge-within} after it was sent. */
    private Acknowledgement acknowledgement(EpisodeStore.Request request) {
        return new Acknowledgement(request.episodeId(), request.revision(), request.departmentCode(), request.departmentName(),
                request.level(), request.requestedAt(), request.requestedAt().plus(config.acknowledgeWithin()),
                request.acknowledgedAt(), request.acknowledgedBy(), request.closedAt());
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
