package org.ecoplan.progress.report.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.ecoplan.events.EventOutbox;
import org.ecoplan.events.OutgoingEvent;
import org.ecoplan.progress.contract.ProgressEvents;
import org.ecoplan.progress.contract.ReportEvent;
import org.ecoplan.progress.report.ProgressReport;

import io.quarkus.logging.Log;

/** Records report workflow events in the outbox, in the transaction of the workflow step. */
@ApplicationScoped
public class ReportEventPublisher {

    private final EventOutbox outbox;

    ReportEventPublisher(EventOutbox outbox) {
        this.outbox = outbox;
    }

    @Transactional(TxType.MANDATORY)
    public void publish(ProgressEvents kind, ProgressReport report) {
        var event = new ReportEvent(report.id.toString(), report.revision, report.measureId, report.planId,
                report.taskId, report.period, report.kind.name(), report.state, report.status, report.percentComplete,
                report.narrative, report.measuredValues, report.departmentCode, report.departmentRole.name(),
                report.reporter, report.submittedAt, report.reviewedBy, report.reviewedAt, report.returnReason,
                report.evidenceCount);
        var id = outbox.record(new OutgoingEvent(ProgressEvents.TOPIC, ProgressEvents.AGGREGATE_TYPE, report.measureId,
                kind.eventType(), event));
        Log.infof("Report %s of measure %s: %s at revision %d (event %s)", report.id, report.measureId,
                kind.eventType(), report.revision, id);
    }
}
