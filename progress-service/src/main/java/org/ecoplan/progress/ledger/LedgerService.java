package org.ecoplan.progress.ledger;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.ecoplan.catalogue.contract.Assignment;
import org.ecoplan.catalogue.contract.AssignmentRole;
import org.ecoplan.catalogue.contract.EditionStatus;
import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.catalogue.contract.PlanDocumentState;
import org.ecoplan.catalogue.contract.PlanState;
import org.ecoplan.catalogue.contract.TaskState;
import org.ecoplan.catalogue.replica.CatalogueReplica;
import org.ecoplan.progress.contract.DeliveryState;
import org.ecoplan.progress.contract.ReportStatus;
import org.ecoplan.progress.report.MeasureAccess;
import org.ecoplan.progress.report.ProgressReport;
import org.ecoplan.progress.report.ReportRepository;
import org.ecoplan.progress.status.CatalogueMeasures;
import org.ecoplan.progress.status.DeliveryRule;
import org.ecoplan.progress.status.MeasureStatus;
import org.ecoplan.progress.status.MeasureStatusRepository;
import org.ecoplan.web.clock.BusinessClock;

/**
 * The ledger (台账): the current plan's measures with their official progress, one row per measure, in plan order.
 * It lives here because progress-service holds both halves: the catalogue (its replica) and the delivery state with
 * the latest approved reports; plan-service knows no progress, and a ledger built elsewhere would read two services.
 * A measure is in the ledger while it is open in its district's current edition: closed measures and superseded
 * editions are not.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class LedgerService {

    private final CatalogueMeasures measures;
    private final CatalogueReplica catalogue;
    private final MeasureStatusRepository statuses;
    private final ReportRepository reports;
    private final MeasureAccess access;
    private final BusinessClock clock;
    private final DeliveryRule rule;

    LedgerService(CatalogueMeasures measures, CatalogueReplica catalogue, MeasureStatusRepository statuses,
            ReportRepository reports, MeasureAccess access, BusinessClock clock, DeliveryRule rule) {
        this.rule = rule;
        this.measures = measures;
        this.catalogue = catalogue;
        this.statuses = statuses;
        this.reports = reports;
        this.access = access;
        this.clock = clock;
    }

    /**
     * @param departmentCode only measures naming it (directly or through a group); null for all — a reporter may only
     *                       ask for its own department
     * @param district       only this district's plans; null for all
     * @param year           only this plan year; null for all
     */
    public record Filter(String departmentCode, String district, Integer year) {
    }

    public record Ledger(Filter filter, LocalDate asOf, List<LedgerRow> rows) {
    }

    public Ledger ledger(Filter asked) {
        // A reporter's ledger is its own department's; supervisors, administrators and integrators see all.
        Filter filter = asked.departmentCode() == null && !access.seesEverything()
                ? new Filter(access.callerDepartment(), asked.district(), asked.year()) : asked;
        if (filter.departmentCode() != null) {
            access.requireOwnDepartment(filter.departmentCode());
        }
        LocalDate today = clock.today();
        Map<String, PlanState> plans = catalogue.all(PlanState.class).stream()
                .collect(Collectors.toMap(PlanState::id, Function.identity()));
        Map<String, PlanDocumentState> documents = catalogue.all(PlanDocumentState.class).stream()
                .collect(Collectors.toMap(PlanDocumentState::id, Function.identity()));
        Map<String, TaskState> tasks = catalogue.all(TaskState.class).stream()
                .collect(Collectors.toMap(TaskState::id, Function.identity()));
        List<MeasureState> selected = measures.all().stream()
                .filter(measure -> !measure.closed())
                .filter(measure -> filter.departmentCode() == null
                        || measure.assignments().stream().anyMatch(a -> a.names(filter.departmentCode())))
                .filter(measure -> current(plans.get(measure.planId()), documents))
                .filter(measure -> filter.year() == null || measure.year() == filter.year())
                .filter(measure -> filter.district() == null || Optional.ofNullable(plans.get(measure.planId()))
                        .map(PlanState::district).filter(filter.district()::equals).isPresent())
                .sorted(Comparator.comparing((MeasureState m) -> Optional.ofNullable(plans.get(m.planId()))
                                .map(p -> p.year() * 100 + p.attachment()).orElse(0))
                        .thenComparing(m -> Optional.ofNullable(plans.get(m.planId())).map(PlanState::district).orElse(""))
                        .thenComparingInt(MeasureState::taskNumber).thenComparingInt(MeasureState::position))
                .toList();
        Map<String, MeasureStatus> statusById = statuses.findAll(selected.stream().map(MeasureState::id).toList())
                .stream().collect(Collectors.toMap(s -> s.measureId, Function.identity()));
        Map<UUID, ProgressReport> reportsById = new HashMap<>();
        List<UUID> reportIds = statusById.values().stream().map(s -> s.basedOnReportId).filter(id -> id != null).toList();
        if (!reportIds.isEmpty()) {
            reports.list("id in ?1", reportIds).forEach(report -> reportsById.put(report.id, report));
        }

        List<LedgerRow> rows = new java.util.ArrayList<>();
        for (MeasureState measure : selected) {
            MeasureStatus status = statusById.get(measure.id());
            ProgressReport report = status == null || status.basedOnReportId == null ? null
                    : reportsById.get(status.basedOnReportId);
            LocalDate deadline = measure.dueDate();
            // The state progress-service decided (DeliveryRule, refreshed daily); a measure it has not assessed yet is
            // judged by the same rule as it stands today, never by a rule of the ledger's own.
            DeliveryState state = status != null && status.deliveryState != null ? status.deliveryState
                    : rule.assess(DeliveryRule.Facts.of(measure, ReportStatus.NOT_STARTED, 0, null), today).state();
            PlanState plan = plans.get(measure.planId());
            TaskState task = tasks.get(measure.taskId());
            rows.add(new LedgerRow(rows.size() + 1, measure.id(), plan == null ? 0 : plan.attachment(),
                    measure.taskNumber(), task == null ? "" : task.name(), measure.text(),
                    measure.deadline() == null ? "" : measure.deadline().label(), deadline,
                    names(measure, AssignmentRole.LEAD), names(measure, AssignmentRole.RESPONSIBLE),
                    names(measure, AssignmentRole.ASSISTING),
                    report == null ? null : report.narrative, status == null ? 0 : status.percentComplete, state.name(),
                    state.chineseName(),
                    report == null || report.submittedAt == null ? null
                            : report.submittedAt.atZone(clock.zone()).toLocalDate()));
        }
        return new Ledger(filter, today, rows);
    }

    /** In a current edition: its plan's document is current (states from before editions carry no status: current). */
    private static boolean current(PlanState plan, Map<String, PlanDocumentState> documents) {
        if (plan == null) {
            return true;
        }
        PlanDocumentState document = documents.get(plan.documentId());
        return document == null || document.status() == EditionStatus.CURRENT;
    }

    private static List<String> names(MeasureState measure, AssignmentRole role) {
        return measure.assignments().stream().filter(a -> a.is(role)).map(Assignment::name).toList();
    }
}
