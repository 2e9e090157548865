package org.ecoplan.indicator.bulletin.returns;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.ecoplan.events.EventJson;
import org.ecoplan.events.IncomingEvent;
import org.ecoplan.events.MalformedEventException;
import org.ecoplan.events.consumer.EventConsumer;
import org.ecoplan.events.consumer.EventConsumption;
import org.ecoplan.progress.contract.ProgressEvents;
import org.ecoplan.progress.contract.ReportEvent;
import org.ecoplan.progress.contract.WorkflowState;
import org.ecoplan.web.clock.BusinessClock;

import io.smallrye.common.annotation.Blocking;

/**
 * Keeps every return of a progress report ({@code progress.report-returned.v1}) with its reason, for the bulletin.
 * Its own consumer group on {@code ecoplan.progress} from the earliest offset: the topic keeps every event, so a new
 * installation (or this consumer's first start) learns the returns of the past too. The roll-ups' consumer keeps a
 * report's latest state only. Other progress events are understood and pass without effect.
 */
@ApplicationScoped
public class ReturnedReportConsumer implements EventConsumer {

    static final String CONSUMER = "bulletin-returned-reports";

    private final EventConsumption consumption;
    private final ReturnedReportStore returns;
    private final EventJson json;
    private final BusinessClock clock;

    ReturnedReportConsumer(EventConsumption consumption, ReturnedReportStore returns, EventJson json, BusinessClock clock) {
        this.consumption = consumption;
        this.returns = returns;
        this.json = json;
        this.clock = clock;
    }

    // Blocking: JDBC must not run on the Kafka event loop; EventConsumption applies each attempt in a transaction.
    @Incoming("progress-returns")
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
        return !event.isTombstone() && ProgressEvents.forEventType(event.type()).isPresent();
    }

    @Override
    public void apply(IncomingEvent event) {
        if (ProgressEvents.forEventType(event.type()).orElse(null) != ProgressEvents.REPORT_RETURNED) {
            return;
        }
        ReportEvent report = json.read(event, ReportEvent.class);
        if (report.state() != WorkflowState.RETURNED) {
            return;
        }
        if (report.reportId() == null || report.measureId() == null) {
            throw new MalformedEventException("Returned report event %s has no reportId or measureId".formatted(event.id()));
        }
        // reviewedAt is the return's time; an older producer that left it out: the event's own time.
        var returnedAt = report.reviewedAt() != null ? report.reviewedAt() : event.time() != null ? event.time() : clock.now();
        returns.record(new ReturnedReportStore.Returned(report.reportId(), report.reportRevision(), report.measureId(),
                report.period(), report.departmentCode(), returnedAt, report.returnReason(), clock.now()));
    }
}
