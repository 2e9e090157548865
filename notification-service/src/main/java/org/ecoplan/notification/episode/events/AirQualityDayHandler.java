package org.ecoplan.notification.episode.events;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ecoplan.events.EventJson;
import org.ecoplan.events.IncomingEvent;
import org.ecoplan.events.consumer.EventConsumer;
import org.ecoplan.events.consumer.EventConsumption;
import org.ecoplan.indicator.contract.AirQualityDayChanged;
import org.ecoplan.indicator.contract.IndicatorEvents;
import org.ecoplan.notification.episode.AirQualityDayStore;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads indicator-service's daily air-quality facts on the indicator topic with a consumer group of its own and skips
 * the judgements and roll-ups there (the supervision consumer reads those). EventConsumption applies each in one
 * transaction with its de-duplication record; the stored revision per area and day drops older states.
 */
@ApplicationScoped
public class AirQualityDayHandler implements EventConsumer {

    static final String CONSUMER = "notification-air-quality";

    private final EventConsumption consumption;
    private final AirQualityDayStore days;
    private final EventJson json;

    AirQualityDayHandler(EventConsumption consumption, AirQualityDayStore days, EventJson json) {
        this.consumption = consumption;
        this.days = days;
        this.json = json;
    }

    // Blocking: JDBC must not run on the Kafka event loop. Not @Transactional: EventConsumption gives each attempt its own.
    @Incoming("air-quality")
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
        return !event.isTombstone() && IndicatorEvents.AIR_QUALITY_DAY_CHANGED.eventType().equals(event.type());
    }

    @Override
    public void apply(IncomingEvent event) {
        days.record(json.read(event, AirQualityDayChanged.class));
    }
}
