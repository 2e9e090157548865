package org.ecoplan.notification.supervision.events;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.ecoplan.events.IncomingEvent;
import org.ecoplan.events.MalformedEventException;
import org.ecoplan.events.ProcessedEvents;
import org.ecoplan.notification.alert.AlertService;
import org.ecoplan.notification.supervision.CatalogueSnapshot;
import org.ecoplan.notification.supervision.ProgressStore;
import org.ecoplan.notification.supervision.Recipients;
import org.ecoplan.notification.supervision.ReviewRules;
import org.ecoplan.notification.webhook.WebhookEvent;
import org.ecoplan.notification.webhook.WebhookFanOut;
import org.ecoplan.progress.contract.MeasureStatusChanged;
import org.ecoplan.progress.contract.ProgressEvents;
import org.ecoplan.progress.contract.ReportEvent;
import org.ecoplan.progress.contract.WorkflowState;
import org.ecoplan.web.clock.BusinessClock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;

/**
 * Keeps the local progress state from {@code ecoplan.progress}, raises REPORT_RETURNED, and hands every
 * progress event to the webhook subscribers.
 */
@ApplicationScoped
public class ProgressEventHandler {

    static final String CONSUMER = "notification-progress";

    private final ProcessedEvents processedEvents;
    private final ProgressStore progress;
    private final ReviewRules reviewRules;
    private final AlertService alerts;
    private final WebhookFanOut webhooks;
    private final CatalogueSnapshot catalogue;
    private final BusinessClock clock;
    private final ObjectMapper mapper;

    ProgressEventHandler(ProcessedEvents processedEvents, ProgressStore progress, ReviewRules reviewRules,
            AlertService alerts, WebhookFanOut webhooks, CatalogueSnapshot catalogue, BusinessClock clock,
            ObjectMapper mapper) {
        this.processedEvents = processedEvents;
        this.progress = progress;
        this.reviewRules = reviewRules;
        this.alerts = alerts;
        this.webhooks = webhooks;
        this.catalogue = catalogue;
        this.clock = clock;
        this.mapper = mapper;
    }

    // Blocking: JDBC must not run on the Kafka event loop. Transactional: the de-duplication record, the
    // state change, the alerts and the webhook deliveries commit together or the event comes again.
    @Incoming("progress")
    @Blocking
    @Transactional
    public void handle(ConsumerRecord<String, String> record) {
        var delivered = processedEvents.firstDeliveryOf(CONSUMER, record);
        if (delivered.isEmpty()) {
            return;
        }
        IncomingEvent event = delivered.get();
        var kind = ProgressEvents.forEventType(event.type());
        if (kind.isEmpty() || event.isTombstone()) {
            Log.debugf("Ignored progress event %s of type %s", event.id(), event.type());
            return;
        }
        try {
            String measureId;
            String planId;
            List<String> departments = new ArrayList<>();
            if (kind.get() == ProgressEvents.MEASURE_STATUS_CHANGED) {
                MeasureStatusChanged change = event.dataAs(MeasureStatusChanged.class, mapper);
                boolean applied = progress.apply(change, clock.now());
                Log.debugf("Measure %s status %s (sequence %d) %s, event %s", change.measureId(), change.status(),
                        change.sequence(), applied ? "applied" : "dropped as older", event.id());
                measureId = change.measureId();
                planId = change.planId();
            } else {
                ReportEvent report = event.dataAs(ReportEvent.class, mapper);
                boolean newer = progress.apply(report, clock.now());
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
                    mapper.readTree(event.data()), departments.stream().distinct().toList(), planId)));
        } catch (MalformedEventException | JsonProcessingException e) {
            Log.errorf("Skipped progress event %s (%s): %s", event.id(), event.type(), e.getMessage());
        }
    }
}
