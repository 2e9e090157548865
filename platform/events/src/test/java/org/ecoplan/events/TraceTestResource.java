package org.ecoplan.events;

import java.util.Map;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** A request that changes something and records its event, as every service's write endpoints do (test only). */
@Path("/test/events/{key}")
public class TraceTestResource {

    private final EventOutbox outbox;

    TraceTestResource(EventOutbox outbox) {
        this.outbox = outbox;
    }

    @POST
    @Transactional
    public void record(@PathParam("key") String key) {
        outbox.record(new OutgoingEvent(OutboxRelayTest.TOPIC, "measure", key, "plan.measure-changed.v1",
                Map.of("id", key, "revision", 1)));
    }
}
