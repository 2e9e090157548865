package org.ecoplan.indicator.overview;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.ecoplan.catalogue.contract.AssignmentRole;
import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.catalogue.contract.PlanDocumentState;
import org.ecoplan.catalogue.contract.PlanState;
import org.ecoplan.catalogue.contract.SectionState;
import org.ecoplan.catalogue.contract.TaskState;
import org.ecoplan.catalogue.replica.CatalogueReplica;
import org.ecoplan.indicator.airquality.AirQualityService;
import org.ecoplan.indicator.contract.IndicatorStatus;
import org.ecoplan.indicator.display.Published;
import org.ecoplan.indicator.overview.DepartmentStandings.Standing;
import org.ecoplan.indicator.overview.Overview.ApprovedReport;
import org.ecoplan.indicator.overview.Overview.Deadline;
import org.ecoplan.indicator.overview.Overview.IndicatorLine;
import org.ecoplan.indicator.overview.Overview.PlanFigures;
import org.ecoplan.indicator.overview.Overview.PlanRef;
import org.ecoplan.indicator.overview.Overview.Punctuality;
import org.ecoplan.indicator.overview.Overview.RankedParty;
import org.ecoplan.indicator.overview.Overview.SectionFigures;
import org.ecoplan.indicator.overview.Overview.SectionRef;
import org.ecoplan.indicator.overview.Overview.SupervisionItem;
import org.ecoplan.indicator.overview.Overview.SupervisionSummary;
import org.ecoplan.indicator.overview.Overview.TaskRef;
import org.ecoplan.indicator.overview.Overview.TownRanking;
import org.ecoplan.indicator.overview.OverviewPages.RankingPage;
import org.ecoplan.indicator.overview.OverviewPages.SupervisionPage;
import org.ecoplan.indicator.overview.OverviewRepository.ListPage;
import org.ecoplan.indicator.overview.OverviewRepository.Listed;
import org.ecoplan.indicator.overview.OverviewRows.AssignmentRow;
import org.ecoplan.indicator.overview.OverviewRows.MeasureRow;
import org.ecoplan.indicator.overview.OverviewRows.StateRow;
import org.ecoplan.indicator.rollup.StateCounts;
import org.ecoplan.indicator.rollup.StateCountsView;
import org.ecoplan.indicator.status.IndicatorJudgement;
import org.ecoplan.indicator.status.Judgement;
import org.ecoplan.indicator.status.StatusService;
import org.ecoplan.indicator.tracking.DepartmentNames.Named;
import org.ecoplan.indicator.tracking.DepartmentNames.Registry;
import org.ecoplan.indicator.tracking.DepartmentNames;
import org.ecoplan.indicator.tracking.TrackedIndicator;
import org.ecoplan.indicator.tracking.TrackedIndicatorRepository;
import org.ecoplan.progress.contract.DeliveryState;
import org.ecoplan.web.clock.BusinessClock;
import org.ecoplan.web.paging.PageRequest;
import org.ecoplan.web.problem.ProblemException;
import org.hibernate.FlushMode;
import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The district overview: counts per delivery state, the supervision list, the department ranking, reporting
 * punctuality, the air-quality indicators and the town ranking, for today or as of the end of a past month. Every
 * measure counts under the state progress-service decided; nothing here judges a deadline or pace. Reads only
 * (one transaction per request, a fixed number of queries).
 */
@ApplicationScoped
@Transactional
public class OverviewService {

    static final String TODAY = "TODAY";
    static final String MONTH_END = "MONTH_END";
    private static final DateTimeFormatter CHINESE_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final CatalogueReplica replica;
    private final OverviewRepository repository;
    private final DepartmentNames names;
    private final TrackedIndicatorRepository indicators;
    private final StatusService status;
    private final AirQualityService airQuality;
    private final BusinessClock clock;
    private final OverviewConfig config;
    private final ObjectMapper mapper;

    OverviewService(CatalogueReplica replica, OverviewRepository repository, DepartmentNames names,
            TrackedIndicatorRepository indicators, StatusService status, AirQualityService airQuality, BusinessClock clock,
            OverviewConfig config, ObjectMapper mapper) {
        this.replica = replica;
        this.repository = repository;
        this.names = names;
        this.indicators = indicators;
        this.status = status;
        this.airQuality = airQuality;
        this.clock = clock;
        this.config = config;
        this.mapper = mapper;
    }

    // ---- scope -------------------------------------------------------------------------------------------------

    /**
     * The plans an overview is about and its date. {@code asOf}: today (default) or the last day of a past month
     * (month-end states are kept; other past days are not). {@code year}: default the year of {@code asOf}.
     * {@code district}: may be left out while the catalogue holds one district's plans for that year. {@code edition}:
     * default the latest imported document.
     */
    public OverviewScope scope(String district, Integer year, String edition, LocalDate asOf) {
        LocalDate today = clock.today();
        if (asOf != null && asOf.isAfter(today)) {
            throw ProblemException.invalidField("asOf", "must not be after today (" + today + ") / 不能晚于今天");
        }
        boolean current = asOf == null || asOf.equals(today);
        if (!current && !asOf.equals(YearMonth.from(asOf).atEndOfMonth())) {
            throw ProblemException.invalidField("asOf", "must be today or the last day of a month: month-end figures are kept, "
                    + "other past days are not (e.g. " + YearMonth.from(asOf).atEndOfMonth() + ") / 仅保留月末数据");
        }
        LocalDate date = current ? today : asOf;
        int planYear = year != null ? year : date.getYear();
        Map<String, Object> wanted = new LinkedHashMap<>();
        wanted.put("year", planYear);
        if (district != null) {
            wanted.put("district", district);
        }
        List<PlanDocumentState> documents = replica.findContaining(CatalogueEvents.DOCUMENT.aggregateType(), wanted).stream()
                .map(json -> state(json, PlanDocumentState.class))
                .filter(document -> edition == null || edition.equals(document.edition())).toList();
        List<String> districts = documents.stream().map(PlanDocumentState::district).distinct().sorted().toList();
        if (districts.isEmpty()) {
            throw ProblemException.notFound("Plan of " + (district == null ? "any district" : district)
                    + (edition == null ? "" : " (" + edition + ")") + " for", planYear);
        }
        if (districts.size() > 1) {
            throw ProblemException.invalidField("district", "the catalogue holds plans of several districts for "
                    + planYear + ", name one of " + districts + " / 请指定区");
        }
        PlanDocumentState document = documents.stream().filter(candidate -> candidate.district().equals(districts.get(0)))
                .max(Comparator.comparing(PlanDocumentState::importedAt, Comparator.nullsFirst(Comparator.naturalOrder())))
                .orElseThrow();
        List<PlanState> plans = replica.findContaining(CatalogueEvents.PLAN.aggregateType(), Map.of("documentId", document.id()))
                .stream().map(json -> state(json, PlanState.class)).sorted(Comparator.comparingInt(PlanState::attachment)).toList();
        return new OverviewScope(document.district(), document.year(), document.id(), document.edition(), plans, date, current);
    }

    // ---- the overview --------------------------------------------------------------------------------------------

    public Overview overview(OverviewScope scope) {
        readOnly();
        List<MeasureRow> measures = repository.measures(scope.planIds());
        List<String> measureIds = measures.stream().map(MeasureRow::measureId).toList();
        Map<String, StateRow> states = repository.states(scope);
        List<AssignmentRow> assignments = repository.assignmentsOf(measureIds);
        Registry registry = names.registry();
        Map<String, SectionState> sections = sectionsOf(scope);

        StateCounts.Counter all = new StateCounts.Counter();
        Map<String, StateCounts.Counter> byPlan = new HashMap<>();
        Map<String, StateCounts.Counter> bySection = new HashMap<>();
        for (MeasureRow measure : measures) {
            DeliveryState state = stateOf(states, measure.measureId());
            all.add(state);
            byPlan.computeIfAbsent(measure.planId(), id -> new StateCounts.Counter()).add(state);
            for (String section = measure.sectionId(); section != null; ) {
                bySection.computeIfAbsent(section, id -> new StateCounts.Counter()).add(state);
                SectionState known = sections.get(section);
                section = known == null ? null : known.parentId();
            }
        }
        StateCounts total = all.counts();
        List<PlanFigures> plans = scope.plans().stream().map(plan -> new PlanFigures(plan.id(), plan.attachment(), plan.title(),
                StateCountsView.of(counts(byPlan, plan.id())), sectionTree(plan.id(), null, sections, bySection))).toList();

        Map<String, Punctuality> punctuality = punctuality(scope, measureIds, assignments);
        List<RankedParty> ranking = DepartmentStandings.rank(
                DepartmentStandings.of(assignments, states, registry, punctuality), DepartmentStandings.Sort.OVERDUE, null);
        // The list's default states are overdue and behind pace: its total is counted above already.
        SupervisionFilter supervision = defaultFilter(null, null, null, null);
        List<SupervisionItem> firstItems = items(scope, repository.supervisionList(scope, supervision, 0, config.firstItems(),
                (long) total.needingSupervision()), registry, sections);
        List<TrackedIndicator> table = indicators.ofTable(scope.district(), scope.year());
        List<IndicatorLine> indicatorLines = indicatorLines(scope, table, registry);
        // The air-quality indicators are those computed from daily PM2.5 or AQI values.
        List<IndicatorLine> air = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            if (table.get(i).metric != null) {
                air.add(indicatorLines.get(i));
            }
        }
        YearMonth month = YearMonth.from(scope.date());
        TownRanking towns = new TownRanking(month.toString(), airQuality.monthlyRanking(month));
        Instant lastRecordedAt = scope.current() ? null
                : states.values().stream().map(StateRow::recordedAt).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
        Punctuality district = punctuality.get(null);
        return new Overview(scope.district(), scope.year(), scope.edition(), scope.date(), scope.current() ? TODAY : MONTH_END,
                lastRecordedAt, summary(scope, total, air, district), StateCountsView.of(total), plans,
                new SupervisionSummary(total.overdue(), total.behindPace(), total.needingSupervision(), firstItems),
                ranking.subList(0, Math.min(config.worstDepartments(), ranking.size())), ranking.size(), district, air,
                indicatorLines, towns);
    }

    // ---- the supervision list ------------------------------------------------------------------------------------

    /**
     * @param states   DeliveryState names or NOT_ASSESSED; default OVERDUE and BEHIND_PACE
     * @param plan     a plan id or its attachment number
     * @param section  a section id: the section and its subsections
     * @param role     LEAD, RESPONSIBLE or ASSISTING with {@code department}; default lead or responsible
     */
    public SupervisionPage supervisionList(OverviewScope scope, List<String> states, String plan, String section,
            String department, String role, String sort, PageRequest page) {
        readOnly();
        SupervisionFilter defaults = defaultFilter(states, department, role, sort);
        String planId = planId(scope, plan);
        Map<String, SectionState> sections = sectionsOf(scope);
        List<String> sectionIds = section == null ? null : sectionAndChildren(scope, section, sections);
        SupervisionFilter filter = new SupervisionFilter(defaults.states(), planId, sectionIds, defaults.department(),
                defaults.roles(), defaults.sort());
        ListPage found = repository.supervisionList(scope, filter, page.offset(), page.size, null);
        List<SupervisionItem> items = items(scope, found, names.registry(), sections);
        int totalPages = (int) ((found.total() + page.size - 1) / page.size);
        return new SupervisionPage(scope.district(), scope.year(), scope.date(), scope.current() ? TODAY : MONTH_END, items,
                page.page, page.size, found.total(), totalPages);
    }

    private static SupervisionFilter defaultFilter(List<String> states, String department, String role, String sort) {
        List<String> wanted = states == null || states.isEmpty()
                ? List.of(DeliveryState.OVERDUE.name(), DeliveryState.BEHIND_PACE.name()) : states;
        for (String state : wanted) {
            if (!SupervisionFilter.NOT_ASSESSED.equals(state)) {
                try {
                    DeliveryState.valueOf(state);
                } catch (IllegalArgumentException e) {
                    throw ProblemException.invalidField("state", "must be delivery states (" + List.of(DeliveryState.values())
                            + ") or NOT_ASSESSED, comma-separated / 状态无效: " + state);
                }
            }
        }
        List<String> roles;
        if (role == null) {
            roles = Stream.of(AssignmentRole.values()).filter(AssignmentRole::accountable).map(Enum::name).toList();
        } else {
            roles = List.of(AssignmentRole.of(role).orElseThrow(() -> ProblemException.invalidField("role",
                    "must be LEAD, RESPONSIBLE or ASSISTING / 角色无效")).name());
        }
        if (role != null && department == null) {
            throw ProblemException.invalidField("role", "needs department / 需同时指定部门");
        }
        SupervisionFilter.Sort order;
        try {
            order = sort == null ? SupervisionFilter.Sort.SEVERITY : SupervisionFilter.Sort.valueOf(sort);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("sort", "must be one of " + List.of(SupervisionFilter.Sort.values()));
        }
        return new SupervisionFilter(List.copyOf(wanted), null, null, department, roles, order);
    }

    private String planId(OverviewScope scope, String plan) {
        if (plan == null) {
            return null;
        }
        return scope.plans().stream().filter(candidate -> candidate.id().equals(plan) || String.valueOf(candidate.attachment()).equals(plan))
                .map(PlanState::id).findFirst()
                .orElseThrow(() -> ProblemException.invalidField("plan", "not a plan of " + scope.district() + " " + scope.year()
                        + ": give its id or attachment number (1-" + scope.plans().size() + ") / 计划不存在"));
    }

    private static List<String> sectionAndChildren(OverviewScope scope, String section, Map<String, SectionState> sections) {
        if (!sections.containsKey(section)) {
            throw ProblemException.invalidField("section", "not a section of " + scope.district() + " " + scope.year() + " / 章节不存在");
        }
        List<String> ids = new ArrayList<>();
        ids.add(section);
        sections.values().stream().filter(child -> section.equals(child.parentId())).map(SectionState::id).forEach(ids::add);
        return ids;
    }

    private List<SupervisionItem> items(OverviewScope scope, ListPage page, Registry registry,
            Map<String, SectionState> sections) {
        List<String> ids = page.items().stream().map(listed -> listed.measure().measureId()).toList();
        Map<String, List<AssignmentRow>> assignments = new HashMap<>();
        repository.assignmentsOf(ids).forEach(row -> assignments.computeIfAbsent(row.measureId(), id -> new ArrayList<>()).add(row));
        Map<String, PlanState> plans = new HashMap<>();
        scope.plans().forEach(plan -> plans.put(plan.id(), plan));
        Map<String, TaskState> tasks = new HashMap<>();
        replica.findAll(TaskState.class, page.items().stream().map(listed -> listed.measure().taskId()).distinct().toList())
                .forEach(task -> tasks.put(task.id(), task));
        List<SupervisionItem> items = new ArrayList<>();
        for (Listed listed : page.items()) {
            MeasureRow measure = listed.measure();
            StateRow state = listed.state();
            PlanState plan = plans.get(measure.planId());
            TaskState task = tasks.get(measure.taskId());
            SectionState section = sections.get(measure.sectionId());
            List<AssignmentRow> own = assignments.getOrDefault(measure.measureId(), List.of());
            items.add(new SupervisionItem(measure.measureId(),
                    new PlanRef(plan.id(), plan.attachment(), plan.title()),
                    new TaskRef(measure.taskId(), measure.taskNumber(), task == null ? null : task.name(),
                            "附件" + plan.attachment() + " 第" + measure.taskNumber() + "项"),
                    section == null ? null : new SectionRef(section.id(), section.label(), section.title()),
                    measure.position(), measure.text(),
                    state.state() == null ? SupervisionFilter.NOT_ASSESSED : state.state().name(),
                    state.state() == null ? StateCountsView.NOT_ASSESSED_NAME : state.state().chineseName(),
                    new Deadline(measure.deadlineKind(), measure.deadlineLabel(), measure.deadlineEnd()),
                    daysLate(state, scope.date()), state.paceGap(), state.expectedPercent(), state.percentComplete(),
                    state.overdueSince(), state.assessedOn(), named(own, AssignmentRole.LEAD, registry),
                    named(own, AssignmentRole.RESPONSIBLE, registry),
                    state.basedOnReportId() == null ? null : new ApprovedReport(state.basedOnReportId(), state.lastApprovedAt(),
                            state.lastApprovedAt() == null ? null : LocalDate.ofInstant(state.lastApprovedAt(), clock.zone()))));
        }
        return items;
    }

    /** Days late on {@code date}: progress-service's figure on its assessment day plus the days since, when overdue. */
    static Integer daysLate(StateRow state, LocalDate date) {
        if (state.state() == DeliveryState.OVERDUE && state.daysLate() != null && state.assessedOn() != null) {
            return state.daysLate() + (int) Math.max(0, date.toEpochDay() - state.assessedOn().toEpochDay());
        }
        return state.daysLate();
    }

    /** The departments and groups named in a role: a group as the group, not its members. */
    private static List<Named> named(List<AssignmentRow> rows, AssignmentRole role, Registry registry) {
        return rows.stream().filter(row -> role.name().equals(row.role()) && !"MEMBER".equals(row.partyKind()))
                .map(row -> registry.named(row.partyCode())).toList();
    }

    // ---- the department ranking ----------------------------------------------------------------------------------

    /**
     * @param sort OVERDUE (default), BEHIND_PACE, COMPLETION or PUNCTUALITY; worst first
     * @param kind DEPARTMENT or GROUP; default both
     */
    public RankingPage ranking(OverviewScope scope, String sort, String kind, PageRequest page) {
        DepartmentStandings.Sort order;
        try {
            order = sort == null ? DepartmentStandings.Sort.OVERDUE : DepartmentStandings.Sort.valueOf(sort);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("sort", "must be one of " + List.of(DepartmentStandings.Sort.values()));
        }
        if (kind != null && !List.of("DEPARTMENT", "GROUP").contains(kind)) {
            throw ProblemException.invalidField("kind", "must be DEPARTMENT or GROUP");
        }
        readOnly();
        List<String> measureIds = repository.measures(scope.planIds()).stream().map(MeasureRow::measureId).toList();
        List<AssignmentRow> assignments = repository.assignmentsOf(measureIds);
        Map<String, Standing> standings = DepartmentStandings.of(assignments, repository.states(scope), names.registry(),
                punctuality(scope, measureIds, assignments));
        List<RankedParty> ranked = DepartmentStandings.rank(standings, order, kind);
        List<RankedParty> items = ranked.subList(Math.min(page.offset(), ranked.size()),
                Math.min(page.offset() + page.size, ranked.size()));
        int totalPages = (ranked.size() + page.size - 1) / page.size;
        return new RankingPage(scope.district(), scope.year(), scope.date(), scope.current() ? TODAY : MONTH_END,
                order.name(), List.copyOf(items), page.page, page.size, ranked.size(), totalPages);
    }

    private Map<String, Punctuality> punctuality(OverviewScope scope, List<String> measureIds, List<AssignmentRow> assignments) {
        YearMonth last = DepartmentStandings.lastDuePeriod(scope.year(), scope.date(), config.reportDueDay());
        if (last == null) {
            return DepartmentStandings.punctuality(scope.year(), scope.date(), config.reportDueDay(), clock.zone(), assignments,
                    List.of(), List.of());
        }
        YearMonth first = YearMonth.of(scope.year(), 1);
        return DepartmentStandings.punctuality(scope.year(), scope.date(), config.reportDueDay(), clock.zone(), assignments,
                repository.monthStates(measureIds, last.atDay(1)),
                repository.submissions(measureIds, first.toString(), last.toString()));
    }

    // ---- indicators --------------------------------------------------------------------------------------------

    private List<IndicatorLine> indicatorLines(OverviewScope scope, List<TrackedIndicator> table, Registry registry) {
        Map<String, IndicatorJudgement> stored = new HashMap<>();
        if (scope.current() && !table.isEmpty()) {
            IndicatorJudgement.<IndicatorJudgement>list("indicatorId in ?1", table.stream().map(indicator -> indicator.id).toList())
                    .forEach(judgement -> stored.put(judgement.indicatorId, judgement));
        }
        List<IndicatorLine> lines = new ArrayList<>();
        for (TrackedIndicator indicator : table) {
            Judgement judgement;
            if (scope.current()) {
                IndicatorJudgement row = stored.get(indicator.id);
                judgement = row == null ? null : new Judgement(row.status, row.valueSoFar, row.projectedValue,
                        row.requiredForRest, row.requiredText, row.provisional, row.method);
            } else {
                judgement = status.judgeOn(indicator, scope.date());
            }
            lines.add(line(indicator, judgement, registry));
        }
        return lines;
    }

    private static IndicatorLine line(TrackedIndicator indicator, Judgement judgement, Registry registry) {
        IndicatorStatus state = judgement == null ? null : judgement.status();
        return new IndicatorLine(indicator.id, indicator.number, indicator.name, indicator.kind.name(), indicator.unit,
                indicator.comparison.name(), indicator.targetValue == null ? null : new java.math.BigDecimal(Published.plain(indicator.targetValue)),
                indicator.targetText, state == null ? null : state.name(), state == null ? null : state.chineseName(),
                judgement == null ? null : judgement.valueSoFar(),
                judgement == null ? null : Published.withUnit(indicator.kind, judgement.valueSoFar(), indicator.unit),
                judgement == null ? null : judgement.projectedValue(),
                judgement == null ? null : Published.withUnit(indicator.kind, judgement.projectedValue(), indicator.unit),
                judgement == null ? null : judgement.requiredForRest(),
                judgement == null ? null : Published.withUnit(requiredKind(indicator), judgement.requiredForRest(), requiredUnit(indicator)),
                judgement == null ? null : judgement.requiredText(), judgement != null && judgement.provisional(),
                judgement == null ? null : judgement.method(), registry.named(indicator.leadDepartments));
    }

    /** Good days still needed are a count of days, not a ratio. */
    private static org.ecoplan.indicator.targets.QuantityKind requiredKind(TrackedIndicator indicator) {
        return indicator.kind == org.ecoplan.indicator.targets.QuantityKind.RATIO_OF_DAYS
                ? org.ecoplan.indicator.targets.QuantityKind.COUNT_OF_DAYS : indicator.kind;
    }

    private static String requiredUnit(TrackedIndicator indicator) {
        return indicator.kind == org.ecoplan.indicator.targets.QuantityKind.RATIO_OF_DAYS ? "天" : indicator.unit;
    }

    // ---- words -------------------------------------------------------------------------------------------------

    private String summary(OverviewScope scope, StateCounts total, List<IndicatorLine> air, Punctuality punctuality) {
        StringBuilder text = new StringBuilder("截至").append(CHINESE_DATE.format(scope.date())).append("，")
                .append(scope.district()).append(scope.year()).append("年行动计划共").append(total.measures()).append("项工作措施：");
        List<String> parts = new ArrayList<>();
        if (total.completed() > 0) {
            parts.add("已完成" + total.completed() + "项（按期完成" + total.completedOnTime() + "项，逾期完成" + total.completedLate() + "项）");
        }
        for (DeliveryState state : List.of(DeliveryState.ON_TRACK, DeliveryState.BEHIND_PACE, DeliveryState.AT_RISK,
                DeliveryState.OVERDUE, DeliveryState.NOT_DUE, DeliveryState.UNKNOWN)) {
            if (total.of(state) > 0) {
                parts.add(state.chineseName() + total.of(state) + "项");
            }
        }
        if (total.notAssessed() > 0) {
            parts.add("尚未评估" + total.notAssessed() + "项");
        }
        text.append(String.join("，", parts)).append("。");
        if (total.needingSupervision() > 0) {
            text.append("需督办").append(total.needingSupervision()).append("项（已逾期").append(total.overdue())
                    .append("项，滞后于序时进度").append(total.behindPace()).append("项）。");
        }
        for (IndicatorLine line : air) {
            if (line.valueSoFarText() != null) {
                text.append(line.name()).append(line.valueSoFarText()).append("（目标").append(line.targetText())
                        .append("，").append(line.statusName()).append("）。");
            }
        }
        if (punctuality != null && punctuality.rate() != null) {
            text.append(punctuality.fromPeriod()).append("至").append(punctuality.toPeriod()).append("月度报告按时报送率")
                    .append(punctuality.rateText()).append("。");
        }
        return text.toString();
    }

    // ---- catalogue look-ups (a few per request, by plan) -----------------------------------------------------------

    /** Every section of the scope's plans, in one query. */
    private Map<String, SectionState> sectionsOf(OverviewScope scope) {
        Map<String, SectionState> sections = new HashMap<>();
        replica.findContainingAny(CatalogueEvents.SECTION.aggregateType(),
                scope.planIds().stream().map(planId -> Map.of("planId", planId)).toList())
                .forEach(json -> {
                    SectionState section = state(json, SectionState.class);
                    sections.put(section.id(), section);
                });
        return sections;
    }

    /**
     * The overview only reads: entities it loads (indicators, judgements) are neither dirty-checked nor flushed
     * before its queries.
     */
    private void readOnly() {
        Session session = indicators.getEntityManager().unwrap(Session.class);
        session.setDefaultReadOnly(true);
        session.setHibernateFlushMode(FlushMode.MANUAL);
    }

    private static List<SectionFigures> sectionTree(String planId, String parentId, Map<String, SectionState> sections,
            Map<String, StateCounts.Counter> bySection) {
        return sections.values().stream()
                .filter(section -> planId.equals(section.planId()) && Objects.equals(parentId, section.parentId()))
                .sorted(Comparator.comparingInt(SectionState::position))
                .map(section -> new SectionFigures(section.id(), section.label(), section.title(), section.level(),
                        StateCountsView.of(counts(bySection, section.id())), sectionTree(planId, section.id(), sections, bySection)))
                .toList();
    }

    private static StateCounts counts(Map<String, StateCounts.Counter> counters, String id) {
        StateCounts.Counter counter = counters.get(id);
        return counter == null ? StateCounts.NONE : counter.counts();
    }

    private static DeliveryState stateOf(Map<String, StateRow> states, String measureId) {
        StateRow row = states.get(measureId);
        return row == null ? null : row.state();
    }

    private <S> S state(JsonNode json, Class<S> type) {
        try {
            return mapper.treeToValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Replicated " + json.path("id") + " cannot be read as " + type.getSimpleName(), e);
        }
    }
}
