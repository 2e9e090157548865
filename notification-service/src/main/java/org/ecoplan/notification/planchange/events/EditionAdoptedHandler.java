package org.ecoplan.notification.planchange.events;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.ecoplan.catalogue.contract.EditionAdopted;
import org.ecoplan.events.EventJson;
import org.ecoplan.events.IncomingEvent;
import org.ecoplan.events.consumer.EventConsumer;
import org.ecoplan.events.consumer.EventConsumption;
import org.ecoplan.notification.planchange.EditionMessages;

/**
 * Reads the adoption notices on the catalogue topic ({@code plan.edition-adopted.v1}, one per department) with a
 * consumer group of its own, and skips every catalogue state (the replica's consumer reads those).
 */
@ApplicationScoped
public class EditionAdoptedHandler implements EventConsumer {

    static final String CONSUMER = "notification-plan-notices";

    private final EventConsumption consumption;
    private final EditionMessages messages;
    private final EventJson json;

    EditionAdoptedHandler(EventConsumption consumption, EditionMessages messages, EventJson json) {
        this.consumption = consumption;
        this.messages = messages;
        this.json = json;
    }

    // Blocking: JDBC must not run on the Kafka event loop. EventConsumption applies each attempt in a transaction
    // with the de-duplication record, so a notice is written once even when it comes twice.
    @Incoming("plan-notices")
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
        return !event.isTombstone() && EditionAdopted.TYPE.equals(event.type());
    }

    @Override
    public void apply(IncomingEvent event) {
        EditionAdopted notice = json.read(event, EditionAdopted.class);
        messages.deliver(notice);
        Log.debugf("Edition %s adopted: %d change(s) told to %s, event %s", notice.documentId(),
                notice.measures() == null ? 0 : notice.measures().size(), notice.departmentCode(), event.id());
    }
}
