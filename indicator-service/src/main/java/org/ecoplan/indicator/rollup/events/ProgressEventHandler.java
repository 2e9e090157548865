package org.ecoplan.indicator.rollup.events;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.ecoplan.events.IncomingEvent;
import org.ecoplan.events.MalformedEventException;
import org.ecoplan.events.ProcessedEvents;
import org.ecoplan.indicator.observation.MeasuredValueRecorder;
import org.ecoplan.indicator.rollup.RollupService;
import org.ecoplan.progress.contract.MeasureStatusChanged;
import org.ecoplan.progress.contract.ProgressEvents;
import org.ecoplan.progress.contract.ReportEvent;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;

/**
 * Consumes {@code ecoplan.progress}: measure statuses and reports update the roll-ups, approved reports'
 * measured values become observations. A redelivered event (same id) is skipped; an older sequence or
 * revision than the one known changes nothing.
 */
@ApplicationScoped
public class ProgressEventHandler {

    static final String CONSUMER = "progress-rollups";

    private final ProcessedEvents processedEvents;
    private final RollupService rollups;
    private final MeasuredValueRecorder measuredValues;
    private final ObjectMapper mapper;

    ProgressEventHandler(ProcessedEvents processedEvents, RollupService rollups, MeasuredValueRecorder measuredValues,
            ObjectMapper mapper) {
        this.processedEvents = processedEvents;
        this.rollups = rollups;
        this.measuredValues = measuredValues;
        this.mapper = mapper;
    }

    // Blocking: JDBC must not run on the Kafka event loop. Transactional: the de-duplication record, the
    // state change and the outgoing roll-up events commit together, or the record is delivered again.
    @Incoming("progress")
    @Blocking
    @Transactional
    public void handle(ConsumerRecord<String, String> record) {
        IncomingEvent event;
        try {
            event = IncomingEvent.from(record);
        } catch (MalformedEventException e) {
            // It can never be applied; stopping the channel would hold up every later event.
            Log.errorf("Skipped malformed progress record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
            return;
        }
        if (!processedEvents.firstDelivery(CONSUMER, event.id())) {
            Log.debugf("Skipped progress event %s (%s): already processed", event.id(), event.type());
            return;
        }
        try {
            if (apply(event, true)) {
                rollups.recomputeAll();
            }
        } catch (MalformedEventException e) {
            Log.errorf("Skipped progress event %s (%s) of measure %s: %s", event.id(), event.type(), event.key(), e.getMessage());
        }
    }

    /**
     * Applies one event to the per-measure state.
     *
     * @param recordValues turn approved measured values into observations (not during a replay, which only
     *                     rebuilds roll-ups)
     * @return whether anything changed
     */
    public boolean apply(IncomingEvent event, boolean recordValues) {
        Optional<ProgressEvents> kind = ProgressEvents.forEventType(event.type());
        if (kind.isEmpty() || event.isTombstone()) {
            Log.debugf("Ignored progress event %s of type %s", event.id(), event.type());
            return false;
        }
        return switch (kind.get()) {
            case MEASURE_STATUS_CHANGED -> rollups.apply(event.dataAs(MeasureStatusChanged.class, mapper));
            case REPORT_SUBMITTED, REPORT_RETURNED -> rollups.apply(event.dataAs(ReportEvent.class, mapper));
            case REPORT_APPROVED -> {
                ReportEvent report = event.dataAs(ReportEvent.class, mapper);
                boolean newer = rollups.apply(report);
                if (newer && recordValues) {
                    measuredValues.record(report);
                }
                yield newer;
            }
        };
    }
}
