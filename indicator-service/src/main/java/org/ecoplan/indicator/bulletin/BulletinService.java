package org.ecoplan.indicator.bulletin;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.catalogue.contract.PlanState;
import org.ecoplan.catalogue.contract.TaskState;
import org.ecoplan.catalogue.replica.CatalogueReplica;
import org.ecoplan.indicator.airquality.AirQualityService;
import org.ecoplan.indicator.airquality.AirQualityService.RankedArea;
import org.ecoplan.indicator.bulletin.BulletinFigures.MonthlyAir;
import org.ecoplan.indicator.bulletin.BulletinFigures.ReturnedReport;
import org.ecoplan.indicator.bulletin.BulletinFigures.TownRank;
import org.ecoplan.indicator.observation.Area;
import org.ecoplan.indicator.overview.Overview;
import org.ecoplan.indicator.overview.Overview.RankedParty;
import org.ecoplan.indicator.overview.Overview.SupervisionItem;
import org.ecoplan.indicator.overview.OverviewPages.SupervisionPage;
import org.ecoplan.indicator.overview.OverviewScope;
import org.ecoplan.indicator.overview.OverviewService;
import org.ecoplan.indicator.bulletin.returns.ReturnedReportStore;
import org.ecoplan.indicator.bulletin.returns.ReturnedReportStore.Returned;
import org.ecoplan.indicator.tracking.DepartmentNames;
import org.ecoplan.web.clock.BusinessClock;
import org.ecoplan.web.paging.PageRequest;
import org.ecoplan.web.problem.ProblemException;

/**
 * Takes a month's bulletin figures as of the month's end from the district overview's own methods (the same ones
 * {@code GET /overview?asOf=} answers with), in one read-only transaction, so that the bulletin and the API agree
 * figure for figure. Adds only what the overview does not carry: the district's months of air data for the
 * charts, the year's town ranking, last month's town ranks, the reports returned in the month and the date of a
 * correction.
 */
@ApplicationScoped
public class BulletinService {

    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final int PAGE = PageRequest.MAX_SIZE;

    private final OverviewService overviews;
    private final AirQualityService airQuality;
    private final BulletinStore store;
    private final BusinessClock clock;
    private final BulletinConfig config;
    private final ReturnedReportStore returns;
    private final CatalogueReplica replica;
    private final DepartmentNames names;

    BulletinService(OverviewService overviews, AirQualityService airQuality, BulletinStore store,
            BusinessClock clock, BulletinConfig config, ReturnedReportStore returns, CatalogueReplica replica,
            DepartmentNames names) {
        this.overviews = overviews;
        this.airQuality = airQuality;
        this.store = store;
        this.clock = clock;
        this.config = config;
        this.returns = returns;
        this.replica = replica;
        this.names = names;
    }

    /** A {@code yyyy-MM} that has ended; else 400 naming {@code month}. */
    public YearMonth month(String text) {
        YearMonth month;
        try {
            if (text == null || !MONTH.matcher(text).matches()) {
                throw new DateTimeParseException("not yyyy-MM", String.valueOf(text), 0);
            }
            month = YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("month", "must be a month as yyyy-MM, e.g. 2026-05 / 月份格式应为yyyy-MM");
        }
        if (!month.atEndOfMonth().isBefore(clock.today())) {
            throw ProblemException.invalidField("month", "must be a month that has ended (before " + YearMonth.from(clock.today())
                    + "): a bulletin reports a whole month / 只能生成已结束月份的通报");
        }
        return month;
    }

    @Transactional
    public BulletinFigures figures(YearMonth month, String district, String edition) {
        LocalDate asOf = month.atEndOfMonth();
        OverviewScope scope = overviews.scope(district, month.getYear(), edition, asOf);
        Overview overview = overviews.overview(scope);
        List<SupervisionItem> supervision = new ArrayList<>();
        for (int page = 0; ; page++) {
            SupervisionPage found = overviews.supervisionList(scope, null, null, null, null, null, null, PageRequest.of(page, PAGE));
            supervision.addAll(found.items());
            if (page + 1 >= found.totalPages()) {
                break;
            }
        }
        List<RankedParty> departments = new ArrayList<>();
        for (int page = 0; ; page++) {
            var found = overviews.ranking(scope, null, null, PageRequest.of(page, PAGE));
            departments.addAll(found.items());
            if (page + 1 >= found.totalPages()) {
                break;
            }
        }
        Map<String, Integer> previous = new HashMap<>();
        airQuality.monthlyRanking(month.minusMonths(1)).forEach(area -> previous.put(area.area(), area.rank()));
        List<TownRank> towns = overview.townRanking().areas().stream()
                .map(area -> new TownRank(area, previous.get(area.area()))).toList();
        List<RankedArea> yearTowns = airQuality.yearRanking(asOf);
        String area = Area.ALL.stream().filter(candidate -> candidate.name().equals(scope.district())).map(Area::code)
                .findFirst().orElse(Area.DISTRICT_CODE);
        LocalDate issuedOn = month.plusMonths(1).atDay(Math.min(config.publishDay(), month.plusMonths(1).lengthOfMonth()));
        // Data of the month arriving in the first days of the next month is in the bulletin as issued; only what was
        // recorded after the issue date changed a bulletin people may already have read.
        Instant issued = issuedOn.atStartOfDay(clock.zone()).toInstant();
        Map<String, MeasureState> returnedMeasures = new HashMap<>();
        List<Returned> returnedRows = returnedIn(month, scope, returnedMeasures);
        Instant returnRecorded = returnedRows.stream().map(Returned::recordedAt).max(Instant::compareTo).orElse(null);
        Instant corrected = latest(issued, overview.lastRecordedAt(), observedAfter(area, asOf, issued), returnRecorded);
        return new BulletinFigures(month.toString(), scope.district(), scope.year(), scope.edition(), asOf, issuedOn,
                String.format(config.issuer(), scope.district()), overview, List.copyOf(supervision), List.copyOf(departments),
                monthlyAir(area, month), towns, yearTowns, returned(returnedRows, returnedMeasures, scope), corrected);
    }

    /** The latest of the times, when it is after the issue date (a correction); else {@code null}. */
    private static Instant latest(Instant issued, Instant... times) {
        Instant latest = null;
        for (Instant time : times) {
            if (time != null && (latest == null || time.isAfter(latest))) {
                latest = time;
            }
        }
        return latest != null && latest.isAfter(issued) ? latest : null;
    }

    /**
     * The returns made in the month (district time) of reports on the scope's measures. A return is a fact of its
     * month: the report's later resubmission or approval does not take it off the month's list.
     */
    private List<Returned> returnedIn(YearMonth month, OverviewScope scope, Map<String, MeasureState> measures) {
        List<Returned> all = returns.between(month.atDay(1).atStartOfDay(clock.zone()).toInstant(),
                month.plusMonths(1).atDay(1).atStartOfDay(clock.zone()).toInstant());
        if (all.isEmpty()) {
            return List.of();
        }
        Set<String> plans = scope.plans().stream().map(PlanState::id).collect(Collectors.toSet());
        replica.findAll(MeasureState.class, all.stream().map(Returned::measureId).distinct().toList())
                .forEach(measure -> measures.put(measure.id(), measure));
        return all.stream().filter(row -> {
            MeasureState measure = measures.get(row.measureId());
            return measure != null && plans.contains(measure.planId());
        }).toList();
    }

    private List<ReturnedReport> returned(List<Returned> rows, Map<String, MeasureState> measures, OverviewScope scope) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, TaskState> tasks = replica.findAll(TaskState.class,
                measures.values().stream().map(MeasureState::taskId).distinct().toList()).stream()
                .collect(Collectors.toMap(TaskState::id, Function.identity(), (first, second) -> first));
        Map<String, PlanState> plans = scope.plans().stream().collect(Collectors.toMap(PlanState::id, Function.identity()));
        DepartmentNames.Registry registry = names.registry();
        List<ReturnedReport> returned = new ArrayList<>();
        for (Returned row : rows) {
            MeasureState measure = measures.get(row.measureId());
            TaskState task = tasks.get(measure.taskId());
            PlanState plan = plans.get(measure.planId());
            returned.add(new ReturnedReport(row.reportId(), row.measureId(),
                    "附件" + plan.attachment() + " 第" + measure.taskNumber() + "项", task == null ? null : task.name(),
                    measure.text(), row.departmentCode() == null ? null : registry.named(row.departmentCode()), row.period(),
                    LocalDate.ofInstant(row.returnedAt(), clock.zone()), row.reason()));
        }
        return List.copyOf(returned);
    }

    /** When a daily value of the year up to the month's end was last entered after {@code after}. */
    private Instant observedAfter(String area, LocalDate asOf, Instant after) {
        return store.lastDailyValueEnteredAfter(area, asOf.withDayOfYear(1), asOf, after);
    }

    /** Last year's twelve months and this year's up to {@code month}, from the current valid daily values. */
    private List<MonthlyAir> monthlyAir(String area, YearMonth month) {
        List<MonthlyAir> months = new ArrayList<>();
        for (BulletinStore.MonthOfAir row : store.monthsOfAir(area, LocalDate.of(month.getYear() - 1, 1, 1), month.atEndOfMonth())) {
            BigDecimal mean = row.pm25Mean();
            months.add(new MonthlyAir(row.year(), row.month(), mean == null ? null : Math.round(mean.doubleValue() * 10) / 10.0,
                    row.pm25Days(), row.goodDays(), row.heavyDays(), row.aqiDays()));
        }
        return List.copyOf(months);
    }
}
