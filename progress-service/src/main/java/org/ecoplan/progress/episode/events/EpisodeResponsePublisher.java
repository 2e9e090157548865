package org.ecoplan.progress.episode.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.ecoplan.events.EventOutbox;
import org.ecoplan.events.OutgoingEvent;
import org.ecoplan.progress.contract.EpisodeResponseEvents;
import org.ecoplan.progress.contract.EpisodeResponseSubmitted;
import org.ecoplan.progress.episode.EpisodeResponse;

/** Records a filed or corrected daily response in the outbox, in the transaction that writes it. */
@ApplicationScoped
public class EpisodeResponsePublisher {

    private final EventOutbox outbox;

    EpisodeResponsePublisher(EventOutbox outbox) {
        this.outbox = outbox;
    }

    @Transactional(TxType.MANDATORY)
    public void publish(EpisodeResponse response) {
        var event = new EpisodeResponseSubmitted(response.id.toString(), response.revision, response.episodeId,
                response.departmentCode, response.departmentName, response.day, response.level, response.quantities,
                response.narrative, response.reporter, response.firstSubmittedAt, response.submittedAt,
                response.clientTimestamp, response.evidenceCount);
        outbox.record(new OutgoingEvent(EpisodeResponseEvents.TOPIC, EpisodeResponseEvents.AGGREGATE_TYPE,
                response.episodeId, EpisodeResponseEvents.RESPONSE_SUBMITTED.eventType(), event));
    }
}
