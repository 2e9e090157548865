package org.ecoplan.progress.status;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.progress.contract.ReportStatus;
import org.ecoplan.progress.contract.WorkflowState;
import org.ecoplan.progress.report.DepartmentRole;
import org.ecoplan.progress.report.MeasureAccess;
import org.ecoplan.progress.report.ProgressReport;
import org.ecoplan.progress.report.ReportRepository;
import org.ecoplan.progress.report.api.ReportViews.ReportView;
import org.ecoplan.progress.status.api.StatusViews.MeasureStatusView;
import org.ecoplan.progress.status.api.StatusViews.PeriodReport;
import org.ecoplan.progress.status.api.StatusViews.TodoItem;
import org.ecoplan.progress.status.api.StatusViews.TodoView;
import org.ecoplan.web.clock.BusinessClock;


/** Official status and to-do lists: a handful of indexed queries each, whatever the number of measures. */
@ApplicationScoped
@Transactional(TxType.SUPPORTS)
public class MeasureStatusQueryService {

    private final CatalogueMeasures catalogueMeasures;
    private final MeasureStatusRepository statuses;
    private final ReportRepository reports;
    private final MeasureAccess access;
    private final BusinessClock clock;

    MeasureStatusQueryService(CatalogueMeasures catalogueMeasures, MeasureStatusRepository statuses, ReportRepository reports,
            MeasureAccess access, BusinessClock clock) {
        this.catalogueMeasures = catalogueMeasures;
        this.statuses = statuses;
        this.reports = reports;
        this.access = access;
        this.clock = clock;
    }

    public MeasureStatusView status(String measureId) {
        MeasureState measure = access.measure(measureId);
        List<ReportView> contributions = reports.latestApprovedContributions(measureId).stream().map(ReportView::of).toList();
        return statuses.find(measureId)
                // Overdue by definition as soon as the deadline passed; the event follows with the daily check.
                .map(s -> new MeasureStatusView(s.measureId, s.status, s.overdue || s.isOverdueOn(clock.today()),
                        s.percentComplete, s.deadline,
                        s.completedOn, s.completedOnTime, s.basedOnReportId, s.lastReportedPeriod, s.sequence, s.changedAt,
                        contributions))
                .orElseGet(() -> {
                    LocalDate deadline = OfficialStatusService.deadlineOf(measure);
                    boolean overdue = deadline != null && clock.today().isAfter(deadline);
                    return new MeasureStatusView(measureId, ReportStatus.NOT_STARTED, overdue, 0, deadline, null, null,
                            null, null, 0, null, contributions);
                });
    }

    public TodoView todo(String departmentCode) {
        access.requireOwnDepartment(departmentCode);
        LocalDate today = clock.today();
        YearMonth period = YearMonth.from(today);
        List<MeasureState> measures = measuresOf(departmentCode);
        List<String> ids = measures.stream().map(MeasureState::id).toList();
        Map<String, MeasureStatus> statusById = statuses.findAll(ids).stream()
                .collect(Collectors.toMap(s -> s.measureId, Function.identity()));
        Map<String, ProgressReport> reportById = reports.monthlyOf(departmentCode, period.toString(), ids).stream()
                .collect(Collectors.toMap(r -> r.measureId, Function.identity()));
        List<TodoItem> items = measures.stream()
                .map(measure -> item(measure, departmentCode, statusById.get(measure.id()), reportById.get(measure.id()), today))
                .sorted(Comparator.comparing((TodoItem item) -> !item.overdue())
                        .thenComparing(item -> !item.periodReportMissing())
                        .thenComparing(TodoItem::nextDeadline, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparingInt(TodoItem::taskNumber).thenComparingInt(TodoItem::position))
                .toList();
        int missing = (int) items.stream().filter(TodoItem::periodReportMissing).count();
        return new TodoView(departmentCode, period.toString(), period.atEndOfMonth(), missing, items);
    }

    private TodoItem item(MeasureState measure, String departmentCode, MeasureStatus status, ProgressReport report,
            LocalDate today) {
        LocalDate deadline = OfficialStatusService.deadlineOf(measure);
        ReportStatus official = status == null ? ReportStatus.NOT_STARTED : status.status;
        boolean overdue = status != null ? status.overdue || status.isOverdueOn(today)
                : deadline != null && today.isAfter(deadline);
        boolean missing = report == null || !(report.state == WorkflowState.SUBMITTED || report.state == WorkflowState.APPROVED);
        return new TodoItem(measure.id(), measure.taskNumber(), measure.position(), measure.text(),
                DepartmentRole.of(measure, departmentCode).orElse(null),
                measure.deadline() == null ? null : measure.deadline().label(),
                official == ReportStatus.COMPLETED ? null : deadline, official, overdue,
                status == null ? 0 : status.percentComplete, missing,
                report == null ? null : new PeriodReport(report.id, report.state, report.revision));
    }

    /** The department's measures: named directly, or through a group it belongs to (two containment queries, GIN-indexed). */
    private List<MeasureState> measuresOf(String departmentCode) {
        Map<String, MeasureState> measures = new LinkedHashMap<>();
        for (Map<String, Object> assignment : List.<Map<String, Object>>of(Map.of("departmentCode", departmentCode),
                Map.of("memberCodes", List.of(departmentCode)))) {
            for (MeasureState measure : catalogueMeasures.containing(Map.of("assignments", List.of(assignment)))) {
                measures.putIfAbsent(measure.id(), measure);
            }
        }
        return List.copyOf(measures.values());
    }
}
