package org.ecoplan.notification.supervision.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.ecoplan.events.EventJson;
import org.ecoplan.events.IncomingEvent;
import org.ecoplan.events.consumer.EventConsumer;
import org.ecoplan.events.consumer.EventConsumption;
import org.ecoplan.notification.alert.AlertService;
import org.ecoplan.notification.supervision.CatalogueSnapshot;
import org.ecoplan.notification.supervision.Recipients;
import org.ecoplan.notification.supervision.ReviewRules;
import org.ecoplan.notification.webhook.WebhookEvent;
import org.ecoplan.notification.webhook.WebhookFanOut;
import org.ecoplan.progress.contract.MeasureStatusChanged;
import org.ecoplan.progress.contract.ProgressEvents;
import org.ecoplan.progress.contract.ReportEvent;
import org.ecoplan.progress.contract.WorkflowState;
import org.ecoplan.progress.replica.ProgressReplica;
import org.ecoplan.web.clock.BusinessClock;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;

/**
 * Keeps the local progress state from {@code ecoplan.progress}, raises REPORT_RETURNED, and hands every
 * progress event to the webhook subscribers.
 */
@ApplicationScoped
public class ProgressEventHandler implements EventConsumer {

    static final String CONSUMER = "notification-progress";

    private final EventConsumption consumption;
    private final ProgressReplica progress;
    private final ReviewRules reviewRules;
    private final AlertService alerts;
    private final WebhookFanOut webhooks;
    private final CatalogueSnapshot catalogue;
    private final BusinessClock clock;
    private final EventJson json;

    ProgressEventHandler(EventConsumption consumption, ProgressReplica progress, ReviewRules reviewRules,
            AlertService alerts, WebhookFanOut webhooks, CatalogueSnapshot catalogue, BusinessClock clock,
            EventJson json) {
        this.consumption = consumption;
        this.progress = progress;
        this.reviewRules = reviewRules;
        this.alerts = alerts;
        this.webhooks = webhooks;
        this.catalogue = catalogue;
        this.clock = clock;
        this.json = json;
    }

    // Blocking: JDBC must not run on the Kafka event loop. Not @Transactional: EventConsumption applies each attempt
    // in a transaction of its own, so the de-duplication record, the state change, the alerts and the webhook
    // deliveries commit together or the event comes again; a record that can never be applied is dead-lettered.
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
        ProgressEvents kind = ProgressEvents.forEventType(event.type()).orElseThrow();
        String measureId;
        String planId;
        List<String> departments = new ArrayList<>();
        if (kind == ProgressEvents.MEASURE_STATUS_CHANGED) {
            MeasureStatusChanged change = json.read(event, MeasureStatusChanged.class);
            Instant now = clock.now();
            boolean applied = progress.apply(change, now);
            if (applied) {
                // The supervision rules' last reported period never goes back (see the report branch).
                progress.noteReportedPeriod(change.measureId(), change.lastReportedPeriod(), now);
            }
            Log.debugf("Measure %s status %s (sequence %d) %s, event %s", change.measureId(), change.status(),
                    change.sequence(), applied ? "applied" : "dropped as older", event.id());
            measureId = change.measureId();
            planId = change.planId();
        } else {
            ReportEvent report = json.read(event, ReportEvent.class);
            Instant now = clock.now();
            boolean newer = progress.apply(report, now);
            // A submitted or approved monthly report counts as reported for its period at once, before
            // progress-service's status event says so, and whatever order the events come in.
            boolean counts = report.state() == WorkflowState.SUBMITTED || report.state() == WorkflowState.APPROVED;
            if (counts) {
                progress.noteReportedPeriod(report.measureId(), report.period(), now);
            }
            if (newer && report.state() == WorkflowState.RETURNED) {
                alerts.raise(List.of(reviewRules.returned(report, clock.today())));
            }
            Log.debugf("Report %s revision %d %s %s, event %s", report.reportId(), report.reportRevision(),
                    report.state(), newer ? "applied" : "dropped as older", event.id());
            measureId = report.measureId();
            planId = report.planId();
            if (report.departmentCode() != null) {
                departments.add(report.departmentCode());
            }
        }
        catalogue.measure(measureId).ifPresent(measure -> departments.addAll(Recipients.allDepartments(measure)));
        webhooks.enqueue(List.of(new WebhookEvent(WebhookEvent.Category.PROGRESS, event.type(), event.id(),
                json.tree(event), departments.stream().distinct().toList(), planId)));
    }
}
