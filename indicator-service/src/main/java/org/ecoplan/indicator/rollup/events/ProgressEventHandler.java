package org.ecoplan.indicator.rollup.events;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.ecoplan.events.EventJson;
import org.ecoplan.events.IncomingEvent;
import org.ecoplan.events.MalformedEventException;
import org.ecoplan.events.consumer.BatchEventConsumer;
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
 *
 * <p>The records of one poll are applied together ({@link #applyAll}, issue 16's "batch per poll"): one transaction,
 * the newest state per measure and report in one batch of upserts, each affected scope recomputed and published once
 * with the batch's last figures. A batch that cannot be applied goes one record at a time ({@link #apply(IncomingEvent)}),
 * which dead-letters the bad record alone.
 */
@ApplicationScoped
public class ProgressEventHandler implements BatchEventConsumer {

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
    // in a transaction of its own, with the de-duplication records and the outgoing roll-up events. The channel has
    // batch=true: a poll's records come together, and their offsets are committed once this returns.
    @Incoming("progress")
    @Blocking
    public void handle(ConsumerRecords<String, String> records) {
        consumption.consumeBatch(this, EventConsumption.inOrder(records));
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
     * A poll's events in one go, with the outcome of {@link #apply(IncomingEvent)} one by one: the same rules (an
     * older sequence or revision changes nothing, also within the batch; an approved report's values are recorded if
     * it is the newest or the known revision), then every scope of the changed measures recomputed once.
     */
    @Override
    public void applyAll(List<IncomingEvent> events) {
        if (!rollups.tryLockForEvent()) {
            throw new RetryLaterException("a roll-up rebuild or full recomputation is running");
        }
        List<MeasureStatusChanged> statuses = new ArrayList<>();
        List<ReportEvent> reports = new ArrayList<>();
        Set<ReportEvent> approved = Collections.newSetFromMap(new IdentityHashMap<>());
        for (IncomingEvent event : events) {
            Optional<ProgressEvents> kind = ProgressEvents.forEventType(event.type());
            if (kind.isEmpty() || event.isTombstone()) {
                continue;
            }
            switch (kind.get()) {
                case MEASURE_STATUS_CHANGED -> statuses.add(json.read(event, MeasureStatusChanged.class));
                case REPORT_SUBMITTED, REPORT_RETURNED -> reports.add(report(event));
                case REPORT_APPROVED -> {
                    ReportEvent report = report(event);
                    reports.add(report);
                    approved.add(report);
                }
            }
        }
        RollupService.Applied applied = rollups.applyBatch(statuses, reports);
        Set<ReportEvent> toRecord = Collections.newSetFromMap(new IdentityHashMap<>());
        toRecord.addAll(applied.reports());
        toRecord.addAll(applied.current());
        for (ReportEvent report : reports) {
            if (approved.contains(report) && toRecord.contains(report)) {
                measuredValues.record(report);
            }
        }
        Set<String> changed = applied.changedMeasures();
        if (!changed.isEmpty()) {
            rollups.recomputeScopesOf(changed);
        }
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
