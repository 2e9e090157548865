package org.ecoplan.indicator.rollup.events;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.ecoplan.events.EventJson;
import org.ecoplan.events.IncomingEvent;
import org.ecoplan.events.MalformedEventException;
import org.ecoplan.events.consumer.EventConsumer;
import org.ecoplan.events.consumer.EventConsumption;
import org.ecoplan.events.consumer.RetryLaterException;
import org.ecoplan.indicator.observation.MeasuredValueRecorder;
import org.ecoplan.indicator.rollup.RollupService;
import org.ecoplan.progress.contract.MeasureStatusChanged;
import org.ecoplan.progress.contract.MeasuredValue;
import org.ecoplan.progress.contract.ProgressEvents;
import org.ecoplan.progress.contract.ReportEvent;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;

/**
 * Consumes {@code ecoplan.progress}: measure statuses and reports update the roll-ups, approved reports'
 * measured values become observations. A redelivered event (same id) is skipped; an older sequence or
 * revision than the one known changes nothing. While a rebuild replays the topic, events wait for it.
 */
@ApplicationScoped
public class ProgressEventHandler implements EventConsumer {

    static final String CONSUMER = "progress-rollups";

    private final EventConsumption consumption;
    private final RollupService rollups;
    private final MeasuredValueRecorder measuredValues;
    private final EventJson json;

    ProgressEventHandler(EventConsumption consumption, RollupService rollups, MeasuredValueRecorder measuredValues,
            EventJson json) {
        this.consumption = consumption;
        this.rollups = rollups;
        this.measuredValues = measuredValues;
        this.json = json;
    }

    // Blocking: JDBC must not run on the Kafka event loop. Not @Transactional: EventConsumption applies each attempt
    // in a transaction of its own, with the de-duplication record and the outgoing roll-up events.
    @Incoming("progress")
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
        // A rebuild clears and replays the per-measure state under the exclusive roll-up lock: an event applied in
        // between would be lost or collide with the replay's rows. Wait for it instead, without blocking a connection.
        if (!rollups.tryLockForEvent()) {
            throw new RetryLaterException("a roll-up rebuild or full recomputation is running");
        }
        // Only the changed measure's scopes: recomputing everything per event does not scale to a city.
        apply(event, true).ifPresent(rollups::recomputeScopesOf);
    }

    /**
     * Applies one event to the per-measure state.
     *
     * @param recordValues turn approved measured values into observations (not during a replay, which only
     *                     rebuilds roll-ups)
     * @return the measure whose state changed; empty if nothing changed
     */
    @Transactional(TxType.MANDATORY)
    public Optional<String> apply(IncomingEvent event, boolean recordValues) {
        Optional<ProgressEvents> kind = ProgressEvents.forEventType(event.type());
        if (kind.isEmpty() || event.isTombstone()) {
            Log.debugf("Ignored progress event %s of type %s", event.id(), event.type());
            return Optional.empty();
        }
        return switch (kind.get()) {
            case MEASURE_STATUS_CHANGED -> {
                MeasureStatusChanged status = json.read(event, MeasureStatusChanged.class);
                yield changed(rollups.apply(status), status.measureId());
            }
            case REPORT_SUBMITTED, REPORT_RETURNED -> {
                ReportEvent report = report(event);
                yield changed(rollups.apply(report), report.measureId());
            }
            case REPORT_APPROVED -> {
                ReportEvent report = report(event);
                boolean newer = rollups.apply(report);
                // A replay may have applied this very revision before the live consumer got to it: its values are
                // still this consumer's to record (recording them again changes nothing).
                if (recordValues && (newer || rollups.isLatestRevision(report))) {
                    measuredValues.record(report);
                }
                yield changed(newer, report.measureId());
            }
        };
    }

    /**
     * What a replay applies of an event: its {@link MeasureStatusChanged} or {@link ReportEvent}, read and checked as
     * {@link #apply(IncomingEvent, boolean)} reads it; empty if it is not a progress event this version knows.
     *
     * @throws MalformedEventException if it can never be applied
     */
    public Optional<Record> read(IncomingEvent event) {
        Optional<ProgressEvents> kind = ProgressEvents.forEventType(event.type());
        if (kind.isEmpty() || event.isTombstone()) {
            return Optional.empty();
        }
        return Optional.of(switch (kind.get()) {
            case MEASURE_STATUS_CHANGED -> json.read(event, MeasureStatusChanged.class);
            case REPORT_SUBMITTED, REPORT_RETURNED, REPORT_APPROVED -> report(event);
        });
    }

    /**
     * The report, if every measured value is within the range the contract promises (progress-service refuses the
     * rest at its edge; an older or foreign producer may not have): such a report is dead-lettered whole, live and
     * in a replay alike, rather than overflowing a column halfway or being rounded silently.
     */
    private ReportEvent report(IncomingEvent event) {
        ReportEvent report = json.read(event, ReportEvent.class);
        List<MeasuredValue> values = report.measuredValues() == null ? List.of() : report.measuredValues();
        for (int i = 0; i < values.size(); i++) {
            Optional<String> problem = MeasuredValue.rangeProblem(values.get(i) == null ? null : values.get(i).value());
            if (problem.isPresent()) {
                throw new MalformedEventException("Report %s (event %s) of measure %s: measuredValues[%d].value %s %s"
                        .formatted(report.reportId(), event.id(), report.measureId(), i, values.get(i).value(), problem.get()));
            }
        }
        return report;
    }

    private static Optional<String> changed(boolean newer, String measureId) {
        return newer ? Optional.of(measureId) : Optional.empty();
    }
}
