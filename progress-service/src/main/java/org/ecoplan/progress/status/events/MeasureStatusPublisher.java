package org.ecoplan.progress.status.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.ecoplan.events.EventOutbox;
import org.ecoplan.events.OutgoingEvent;
import org.ecoplan.progress.contract.MeasureStatusChanged;
import org.ecoplan.progress.contract.ProgressEvents;
import org.ecoplan.progress.contract.ReportStatus;
import org.ecoplan.progress.status.MeasureStatus;

import io.quarkus.logging.Log;

/** Records MEASURE_STATUS_CHANGED in the outbox, in the transaction that changed the status or its delivery state. */
@ApplicationScoped
public class MeasureStatusPublisher {

    private final EventOutbox outbox;

    MeasureStatusPublisher(EventOutbox outbox) {
        this.outbox = outbox;
    }

    @Transactional(TxType.MANDATORY)
    public void publish(MeasureStatus status, ReportStatus previousStatus) {
        var event = new MeasureStatusChanged(status.measureId, status.sequence, status.planId, status.taskId,
                status.status, previousStatus, status.overdue, status.percentComplete, status.deadline,
                status.completedOn, status.completedOnTime,
                status.basedOnReportId == null ? null : status.basedOnReportId.toString(), status.lastReportedPeriod,
                status.changedAt, status.delivery(), status.basedOnApprovedAt);
        var id = outbox.record(new OutgoingEvent(ProgressEvents.TOPIC, ProgressEvents.AGGREGATE_TYPE, status.measureId,
                ProgressEvents.MEASURE_STATUS_CHANGED.eventType(), event));
        Log.infof("Measure %s %s, official status %s -> %s, %d%% (sequence %d, event %s)", status.measureId,
                status.deliveryState, previousStatus, status.status, status.percentComplete, status.sequence, id);
    }
}
