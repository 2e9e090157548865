package org.ecoplan.notification;

import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.ecoplan.indicator.contract.IndicatorEvents;
import org.ecoplan.indicator.contract.IndicatorStatusChanged;
import org.ecoplan.progress.contract.DeliveryAssessment;
import org.ecoplan.progress.contract.DeliveryState;
import org.ecoplan.progress.contract.MeasureStatusChanged;
import org.ecoplan.progress.contract.ProgressEvents;
import org.ecoplan.progress.contract.ReportEvent;
import org.ecoplan.progress.contract.ReportStatus;
import org.ecoplan.progress.contract.WorkflowState;
import org.ecoplan.testing.EventWriter;

/**
 * Plays progress-service and indicator-service on the broker, and waits until the service under test has
 * handled each event (its id is in processed_event), so that a test can go on as if delivery were instant.
 */
public final class ProgressPlayer implements AutoCloseable {

    private final EventWriter progress = new EventWriter("/ecoplan/progress-service");
    private final EventWriter indicators = new EventWriter("/ecoplan/indicator-service");
    private final DataSource dataSource;

    public ProgressPlayer(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public UUID status(MeasureStatusChanged change) {
        return status(UUID.randomUUID(), change);
    }

    public UUID status(UUID eventId, MeasureStatusChanged change) {
        progress.send(eventId, ProgressEvents.TOPIC, ProgressEvents.AGGREGATE_TYPE, change.measureId(),
                ProgressEvents.MEASURE_STATUS_CHANGED.eventType(), change);
        awaitHandled(eventId);
        return eventId;
    }

    public UUID report(ProgressEvents kind, ReportEvent report) {
        UUID eventId = UUID.randomUUID();
        progress.send(eventId, ProgressEvents.TOPIC, ProgressEvents.AGGREGATE_TYPE, report.measureId(), kind.eventType(), report);
        awaitHandled(eventId);
        return eventId;
    }

    public UUID indicator(UUID eventId, IndicatorStatusChanged change) {
        indicators.send(eventId, IndicatorEvents.TOPIC, IndicatorEvents.INDICATOR_STATUS_CHANGED.aggregateType(),
                change.indicatorId(), IndicatorEvents.INDICATOR_STATUS_CHANGED.eventType(), change);
        awaitHandled(eventId);
        return eventId;
    }

    /** Waits until the event was handled; a redelivered id is handled already, so wait for an event after it. */
    public void awaitHandled(UUID eventId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> handled(eventId));
    }

    private boolean handled(UUID eventId) throws SQLException {
        try (var connection = dataSource.getConnection();
             var query = connection.prepareStatement("select 1 from processed_event where event_id = ?")) {
            query.setObject(1, eventId);
            try (var rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /**
     * A status event as progress-service publishes it, with the delivery state it decided (this service never
     * decides one: the test states what progress-service would have).
     */
    public static MeasureStatusChanged status(String measureId, String planId, long sequence, ReportStatus status,
            int percent, LocalDate completedOn, String lastPeriod, DeliveryAssessment delivery) {
        return new MeasureStatusChanged(measureId, sequence, planId, null, status, null,
                delivery != null && delivery.state() == DeliveryState.OVERDUE, percent,
                delivery == null ? null : delivery.windowEnd(), completedOn,
                completedOn == null ? null : delivery == null || delivery.state() != DeliveryState.COMPLETED_LATE, null,
                lastPeriod, Instant.now(), delivery, status == ReportStatus.NOT_STARTED ? null : Instant.now());
    }

    public static ReportEvent report(String reportId, long revision, String measureId, String planId, String period,
            WorkflowState state, int percent, String department, String reporter, Instant submittedAt) {
        return new ReportEvent(reportId, revision, measureId, planId, null, period, "MONTHLY", state,
                ReportStatus.ON_TRACK, percent, "按计划推进", List.of(), department, "LEAD", reporter, submittedAt,
                state == WorkflowState.APPROVED || state == WorkflowState.RETURNED ? "supervisor@ecoplan.test" : null,
                state == WorkflowState.APPROVED || state == WorkflowState.RETURNED ? submittedAt.plusSeconds(3600) : null,
                state == WorkflowState.RETURNED ? "数据缺少佐证材料" : null, 0);
    }

    @Override
    public void close() {
        progress.close();
        indicators.close();
    }
}
