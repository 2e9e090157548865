package org.ecoplan.progress.status.api;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.Transactional;

import org.ecoplan.catalogue.contract.Assignments;
import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.catalogue.replica.CatalogueNames.TaskReference;
import org.ecoplan.catalogue.replica.CatalogueNames;
import org.ecoplan.progress.contract.DeliveryAssessment;
import org.ecoplan.progress.contract.DeliveryState;
import org.ecoplan.progress.contract.ReportStatus;
import org.ecoplan.progress.contract.WorkflowState;
import org.ecoplan.progress.report.MeasureAccess;
import org.ecoplan.progress.report.ReportRepository;
import org.ecoplan.progress.report.api.ReportViews.ReportView;
import org.ecoplan.progress.status.CatalogueMeasures;
import org.ecoplan.progress.status.MeasureStatusRepository;
import org.ecoplan.progress.status.TodoRows;
import org.ecoplan.progress.status.TodoRows.MonthlyReportRow;
import org.ecoplan.progress.status.TodoRows.StatusRow;
import org.ecoplan.progress.status.api.StatusViews.DeliveryView;
import org.ecoplan.progress.status.api.StatusViews.MeasureStatusView;
import org.ecoplan.progress.status.api.StatusViews.PeriodReport;
import org.ecoplan.progress.status.api.StatusViews.TodoItem;
import org.ecoplan.progress.status.api.StatusViews.TodoView;
import org.ecoplan.web.clock.BusinessClock;


/**
 * Official status, delivery state and to-do lists: a handful of indexed queries each, whatever the number of
 * measures. They show the stored delivery state, the one the events carried; nothing here judges a deadline.
 */
@ApplicationScoped
@Transactional(TxType.SUPPORTS)
public class MeasureStatusQueryService {

    private final CatalogueMeasures catalogueMeasures;
    private final MeasureStatusRepository statuses;
    private final ReportRepository reports;
    private final MeasureAccess access;
    private final CatalogueNames names;
    private final BusinessClock clock;
    private final TodoRows rows;

    MeasureStatusQueryService(CatalogueMeasures catalogueMeasures, MeasureStatusRepository statuses, ReportRepository reports,
            MeasureAccess access, CatalogueNames names, BusinessClock clock, TodoRows rows) {
        this.catalogueMeasures = catalogueMeasures;
        this.statuses = statuses;
        this.reports = reports;
        this.rows = rows;
        this.access = access;
        this.names = names;
        this.clock = clock;
    }

    /** The stored status and delivery state: what the events said, never re-derived here. */
    public MeasureStatusView status(String measureId) {
        MeasureState measure = access.measure(measureId);
        List<ReportView> contributions = reports.latestApprovedContributions(measureId).stream().map(ReportView::of).toList();
        TaskReference task = names.task(measure.taskId()).orElse(null);
        return statuses.find(measureId)
                .map(s -> {
                    DeliveryAssessment delivery = s.delivery();
                    return new MeasureStatusView(s.measureId, task == null ? null : task.reference(),
                            task == null ? null : task.title(), s.status, s.status.chineseName(),
                            delivery == null ? null : delivery.state(), delivery == null ? null : delivery.stateName(),
                            DeliveryView.of(delivery), s.overdue, s.percentComplete, s.deadline, s.completedOn, s.completedOnTime,
                            s.basedOnReportId, s.basedOnApprovedAt, s.lastReportedPeriod, s.sequence, s.changedAt,
                            contributions);
                })
                // Not assessed yet (the catalogue has just brought it): nothing decided to show.
                .orElseGet(() -> new MeasureStatusView(measureId, task == null ? null : task.reference(),
                        task == null ? null : task.title(), ReportStatus.NOT_STARTED, ReportStatus.NOT_STARTED.chineseName(),
                        null, null, null, false, 0, measure.dueDate(), null, null, null, null, null, 0, null,
                        contributions));
    }

    public TodoView todo(String departmentCode) {
        access.requireOwnDepartment(departmentCode);
        LocalDate today = clock.today();
        YearMonth period = YearMonth.from(today);
        List<MeasureState> measures = measuresOf(departmentCode);
        List<String> ids = measures.stream().map(MeasureState::id).toList();
        // Plain rows of the columns shown, not entities (see TodoRows).
        Map<String, StatusRow> statusById = rows.statuses(ids);
        Map<String, MonthlyReportRow> reportById = rows.monthlyReports(departmentCode, period.toString(), ids);
        // Only the listed measures' tasks and plans, not the whole catalogue's.
        Map<String, TaskReference> tasks = names.tasks(measures.stream().map(MeasureState::taskId).toList());
        List<TodoItem> items = measures.stream()
                .map(measure -> item(measure, departmentCode, statusById.get(measure.id()), reportById.get(measure.id()),
                        tasks.get(measure.taskId())))
                .sorted(Comparator.comparingInt((TodoItem item) -> urgency(item.deliveryState()))
                        .thenComparing(item -> !item.periodReportMissing())
                        .thenComparing(TodoItem::nextDeadline, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(TodoItem::taskReference, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparingInt(TodoItem::taskNumber).thenComparingInt(TodoItem::position))
                .toList();
        int missing = (int) items.stream().filter(TodoItem::periodReportMissing).count();
        return new TodoView(departmentCode, names.departmentName(departmentCode).orElse(null), period.toString(),
                period.atEndOfMonth(), missing, items);
    }

    /** Overdue first, then behind pace: the 督办 order. */
    private static int urgency(DeliveryState state) {
        if (state == DeliveryState.OVERDUE) {
            return 0;
        }
        return state == DeliveryState.BEHIND_PACE ? 1 : 2;
    }

    private static TodoItem item(MeasureState measure, String departmentCode, StatusRow status, MonthlyReportRow report,
            TaskReference task) {
        ReportStatus official = status == null ? ReportStatus.NOT_STARTED : status.status();
        DeliveryAssessment delivery = status == null ? null : status.delivery();
        boolean missing = report == null || !(report.state() == WorkflowState.SUBMITTED || report.state() == WorkflowState.APPROVED);
        return new TodoItem(measure.id(), measure.taskNumber(), measure.position(), task == null ? null : task.reference(),
                task == null ? null : task.title(), measure.text(),
                Assignments.strongestRole(measure.assignments(), departmentCode).orElse(null),
                measure.deadline() == null ? null : measure.deadline().label(),
                official == ReportStatus.COMPLETED ? null : measure.dueDate(), official, official.chineseName(),
                delivery == null ? null : delivery.state(), delivery == null ? null : delivery.stateName(),
                DeliveryView.of(delivery), status != null && status.overdue(), status == null ? 0 : status.percentComplete(),
                missing, report == null ? null : new PeriodReport(report.id(), report.state(), report.revision()));
    }

    /** The department's measures: named directly, or through a group it belongs to (one query, GIN-indexed). */
    private List<MeasureState> measuresOf(String departmentCode) {
        return catalogueMeasures.containingAny(List.of(
                Map.of("assignments", List.of(Map.of("departmentCode", departmentCode))),
                Map.of("assignments", List.of(Map.of("memberCodes", List.of(departmentCode))))));
    }
}
