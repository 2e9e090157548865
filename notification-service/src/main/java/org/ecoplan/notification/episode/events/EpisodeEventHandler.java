package org.ecoplan.notification.episode.events;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ecoplan.catalogue.contract.EpisodeEvents;
import org.ecoplan.catalogue.contract.EpisodeState;
import org.ecoplan.events.EventJson;
import org.ecoplan.events.IncomingEvent;
import org.ecoplan.events.consumer.EventConsumer;
import org.ecoplan.events.consumer.EventConsumption;
import org.ecoplan.notification.episode.EpisodeDuties;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads plan-service's episode events on the catalogue topic with a consumer group of its own and skips everything
 * else there. EventConsumption applies each in one transaction with its de-duplication record; the stored revision
 * per episode drops older states.
 */
@ApplicationScoped
public class EpisodeEventHandler implements EventConsumer {

    static final String CONSUMER = "notification-episodes";

    private final EventConsumption consumption;
    private final EpisodeDuties duties;
    private final EventJson json;

    EpisodeEventHandler(EventConsumption consumption, EpisodeDuties duties, EventJson json) {
        this.consumption = consumption;
        this.duties = duties;
        this.json = json;
    }

    @Incoming("episodes")
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
        return !event.isTombstone() && EpisodeEvents.forEventType(event.type()).isPresent();
    }

    @Override
    public void apply(IncomingEvent event) {
        duties.apply(json.read(event, EpisodeState.class));
    }
}
