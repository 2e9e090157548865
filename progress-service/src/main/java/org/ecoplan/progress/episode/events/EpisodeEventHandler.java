package org.ecoplan.progress.episode.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.ecoplan.catalogue.contract.EpisodeEvents;
import org.ecoplan.catalogue.contract.EpisodeState;
import org.ecoplan.events.EventJson;
import org.ecoplan.events.IncomingEvent;
import org.ecoplan.events.consumer.EventConsumer;
import org.ecoplan.events.consumer.EventConsumption;
import org.ecoplan.progress.episode.EpisodeReplica;
import org.ecoplan.web.clock.BusinessClock;

import io.smallrye.common.annotation.Blocking;

/**
 * Keeps {@link EpisodeReplica} from plan-service's episode events on the catalogue topic, with a consumer group of its
 * own (the catalogue replica skips these types, this one skips the catalogue's). EventConsumption applies each in one
 * transaction with its de-duplication record; the stored revision drops older states.
 */
@ApplicationScoped
public class EpisodeEventHandler implements EventConsumer {

    static final String CONSUMER = "progress-episodes";

    private final EventConsumption consumption;
    private final EpisodeReplica episodes;
    private final EventJson json;
    private final BusinessClock clock;

    EpisodeEventHandler(EventConsumption consumption, EpisodeReplica episodes, EventJson json, BusinessClock clock) {
        this.consumption = consumption;
        this.episodes = episodes;
        this.json = json;
        this.clock = clock;
    }

    // Blocking: JDBC must not run on the Kafka event loop. Not @Transactional: EventConsumption gives each attempt its own.
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
        episodes.apply(json.read(event, EpisodeState.class), clock.now());
    }
}
