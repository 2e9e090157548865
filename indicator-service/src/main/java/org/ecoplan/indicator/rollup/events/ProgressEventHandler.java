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
        var delivered = processedEvents.firstDeliveryOf(CONSUMER, record);
        if (delivered.isEmpty()) {
            return;
        }
        IncomingEvent event = delivered.get();
        try {
            // Only the changed measure's scopes: recomputing everything per event does not scale to a city.
            apply(event, true).ifPresent(rollups::recomputeScopesOf);
        } catch (MalformedEventException e) {
            Log.errorf("Skipped progress event %s (%s) of measure %s: %s", event.id(), event.type(), event.key(), e.getMessage());
        }
    }

    /**
     * Applies one event to the per-measure state.
     *
     * @param recordValues turn approved measured values into observations (not during a replay, which only
     *                     rebuilds roll-ups)
     * @return the measure whose state changed; empty if nothing changed
     */
    public Optional<String> apply(IncomingEvent event, boolean recordValues) {
        Optional<ProgressEvents> kind = ProgressEvents.forEventType(event.type());
        if (kind.isEmpty() || event.isTombstone()) {
            Log.debugf("Ignored progress event %s of type %s", event.id(), event.type());
            return Optional.empty();
        }
        return switch (kind.get()) {
            case MEASURE_STATUS_CHANGED -> {
                MeasureStatusChanged status = event.dataAs(MeasureStatusChanged.class, mapper);
                yield changed(rollups.apply(status), status.measureId());
            }
            case REPORT_SUBMITTED, REPORT_RETURNED -> {
                ReportEvent report = event.dataAs(ReportEvent.class, mapper);
                yield changed(rollups.apply(report), report.measureId());
            }
            case REPORT_APPROVED -> {
                ReportEvent report = event.dataAs(ReportEvent.class, mapper);
                boolean newer = rollups.apply(report);
                if (newer && recordValues) {
                    measuredValues.record(report);
                }
                yield changed(newer, report.measureId());
            }
        };
    }

    private static Optional<String> changed(boolean newer, String measureId) {
        return newer ? Optional.of(measureId) : Optional.empty();
    }
}
