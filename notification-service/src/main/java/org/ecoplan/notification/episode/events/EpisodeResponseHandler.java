package org.ecoplan.notification.episode.events;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ecoplan.events.EventJson;
import org.ecoplan.events.IncomingEvent;
import org.ecoplan.events.consumer.EventConsumer;
import org.ecoplan.events.consumer.EventConsumption;
import org.ecoplan.notification.episode.EpisodeReports;
import org.ecoplan.progress.contract.EpisodeResponseEvents;
import org.ecoplan.progress.contract.EpisodeResponseSubmitted;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads progress-service's daily episode responses on the progress topic with a consumer group of its own and skips
 * the report events there (the supervision consumer reads those). EventConsumption applies each in one transaction
 * with its de-duplication record; the stored revision per response drops older ones.
 */
@ApplicationScoped
public class EpisodeResponseHandler implements EventConsumer {

    static final String CONSUMER = "notification-episode-responses";

    private final EventConsumption consumption;
    private final EpisodeReports reports;
    private final EventJson json;

    EpisodeResponseHandler(EventConsumption consumption, EpisodeReports reports, EventJson json) {
        this.consumption = consumption;
        this.reports = reports;
        this.json = json;
    }

    // Blocking: JDBC must not run on the Kafka event loop. Not @Transactional: EventConsumption gives each attempt its own.
    @Incoming("episode-responses")
    @Blocking
    public void handle(ConsumerRecord<String, String> record) {
        consumption.consume(this, record);
    }

    @Override
    public String consumerName() {
        return CONSUMER;
    }

    @Override
    public boolean understands(IncomingEvent event) {
        return !event.isTombstone() && EpisodeResponseEvents.forEventType(event.type()).isPresent();
    }

    @Override
    public void apply(IncomingEvent event) {
        reports.record(json.read(event, EpisodeResponseSubmitted.class));
    }
}
