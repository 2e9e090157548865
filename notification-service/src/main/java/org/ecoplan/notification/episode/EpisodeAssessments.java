package org.ecoplan.notification.episode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ecoplan.catalogue.contract.WarningLevel;
import org.ecoplan.indicator.contract.AqiLevel;
import org.ecoplan.notification.alert.AlertRule;
import org.ecoplan.notification.episode.EpisodeAcknowledgements.Acknowledgement;
import org.ecoplan.progress.contract.EpisodeResponseSubmitted.Quantity;
import org.ecoplan.web.clock.BusinessClock;
import org.ecoplan.web.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The assessment of an episode (应急响应评估), from what this service holds already: the acknowledgement requests it
 * sent (who acknowledged each level's duties, when, and whether in time) and the daily responses from progress-service
 * (which days each unit reported on time, late or not at all, by the rule of {@link EpisodeReports}, and the totals of
 * the reported quantities). Readable while the episode runs (as of now) and final once it is lifted.
 */
@ApplicationScoped
public class EpisodeAssessments {

    private static final TypeReference<List<Quantity>> QUANTITIES = new TypeReference<>() {
    };

    private final EpisodeStore store;
    private final EpisodeAcknowledgements acknowledgements;
    private final EpisodeReports reports;
    private final AirQualityDayStore airQuality;
    private final EpisodeConfig config;
    private final BusinessClock clock;
    private final ObjectMapper mapper;

    EpisodeAssessments(EpisodeStore store, EpisodeAcknowledgements acknowledgements, EpisodeReports reports,
            AirQualityDayStore airQuality, EpisodeConfig config, BusinessClock clock, ObjectMapper mapper) {
        this.store = store;
        this.acknowledgements = acknowledgements;
        this.reports = reports;
        this.airQuality = airQuality;
        this.config = config;
        this.clock = clock;
        this.mapper = mapper;
    }

    @Transactional
    public Assessment assess(String episodeId) {
        Instant now = clock.now();
        ZoneId zone = clock.zone();
        EpisodeStore.Watched episode = store.watched(episodeId).orElseThrow(() -> ProblemException.notFound("episode", episodeId));
        String level = episode.level();
        String issuer = episode.issuer();
        Instant startsAt = episode.startsAt();
        Instant liftedAt = episode.liftedAt();
        try {
            Map<String, UnitBuilder> units = new TreeMap<>();
            // Each level's duties were sent to the members when its revision arrived: the episode's course of levels.
            Map<Long, LevelPeriod> levels = new TreeMap<>();
            for (Acknowledgement request : acknowledgements.requests(episodeId)) {
                levels.merge(request.revision(), new LevelPeriod(request.revision(), request.level(),
                        levelName(request.level()), request.requestedAt()), (a, b) -> a.sentAt().isBefore(b.sentAt()) ? a : b);
                units.computeIfAbsent(request.departmentCode(), code -> new UnitBuilder(code, request.departmentName()))
                        .requests.add(request);
            }
            // The escalations the acknowledgement check raised, by "<unit>@rev<n>" (EpisodeEscalation's period).
            Map<String, List<String>> escalations = new TreeMap<>();
            for (EpisodeStore.Escalation escalation : store.escalations(episodeId)) {
                escalations.computeIfAbsent(escalation.period(), period -> new ArrayList<>()).add(
                        escalation.rule() == AlertRule.EPISODE_ESCALATED_TO_HEAD ? "HEAD" : "SUPERVISORS");
            }
            Map<String, Map<LocalDate, Filed>> filed = new LinkedHashMap<>();
            for (EpisodeStore.Response response : store.responses(episodeId)) {
                filed.computeIfAbsent(response.departmentCode(), code -> new TreeMap<>()).put(response.day(),
                        new Filed(response.firstSubmittedAt(), mapper.readValue(response.quantitiesJson(), QUANTITIES)));
            }
            Map<String, BigDecimal> allTotals = new TreeMap<>();
            List<UnitAssessment> assessed = new ArrayList<>();
            int onTime = 0;
            int late = 0;
            int missing = 0;
            int due = 0;
            for (UnitBuilder unit : units.values()) {
                Map<LocalDate, Filed> own = filed.getOrDefault(unit.code, Map.of());
                List<LocalDate> unitOnTime = new ArrayList<>();
                List<LocalDate> unitLate = new ArrayList<>();
                List<LocalDate> unitMissing = new ArrayList<>();
                if (startsAt != null) {
                    Instant firstSent = unit.requests.stream().map(Acknowledgement::requestedAt).min(Instant::compareTo).orElseThrow();
                    LocalDate last = LocalDate.ofInstant(liftedAt == null ? now : liftedAt, zone);
                    for (LocalDate day = LocalDate.ofInstant(startsAt, zone); !day.isAfter(last); day = day.plusDays(1)) {
                        Instant dueAt = reports.dueAt(day, zone);
                        if (dueAt.isAfter(now) || dueAt.isBefore(startsAt) || firstSent.isAfter(dueAt)
                                || (liftedAt != null && !liftedAt.isAfter(dueAt))) {
                            continue;
                        }
                        Filed report = own.get(day);
                        if (report == null) {
                            unitMissing.add(day);
                        } else if (report.firstSubmittedAt().isAfter(dueAt)) {
                            unitLate.add(day);
                        } else {
                            unitOnTime.add(day);
                        }
                    }
                }
                Map<String, BigDecimal> totals = new TreeMap<>();
                own.values().forEach(report -> report.quantities().forEach(q -> totals.merge(q.name(), q.value(), BigDecimal::add)));
                totals.forEach((name, value) -> allTotals.merge(name, value, BigDecimal::add));
                List<AcknowledgementOutcome> outcomes = unit.requests.stream().map(request -> new AcknowledgementOutcome(
                        request.revision(), request.level(), request.requestedAt(), request.dueAt(), request.acknowledgedAt(),
                        request.acknowledgedBy(), request.acknowledgedAt() != null && request.acknowledgedAt().isAfter(request.dueAt()),
                        escalations.getOrDefault(unit.code + "@rev" + request.revision(), List.of())))
                        .toList();
                onTime += unitOnTime.size();
                late += unitLate.size();
                missing += unitMissing.size();
                due += unitOnTime.size() + unitLate.size() + unitMissing.size();
                assessed.add(new UnitAssessment(unit.code, unit.name, outcomes,
                        outcomes.stream().noneMatch(outcome -> outcome.acknowledgedAt() != null), unitOnTime, unitLate,
                        unitMissing, quantities(totals)));
            }
            List<AcknowledgementOutcome> all = assessed.stream().flatMap(unit -> unit.acknowledgements().stream()).toList();
            Counts counts = new Counts(assessed.size(),
                    (int) all.stream().filter(a -> a.acknowledgedAt() != null && !a.late()).count(),
                    (int) all.stream().filter(AcknowledgementOutcome::late).count(),
                    (int) all.stream().filter(a -> a.acknowledgedAt() == null).count(),
                    (int) assessed.stream().filter(UnitAssessment::neverAcknowledged).count(), due, onTime, late, missing);
            return new Assessment(episodeId, level, levelName(level), issuer, issuerName(issuer),
                    List.copyOf(levels.values()), startsAt, liftedAt, liftedAt != null, now, config.dailyReportHour(), counts,
                    quantities(allTotals), assessed, airQuality(startsAt, liftedAt, now, zone));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable quantities of episode " + episodeId, e);
        }
    }

    /**
     * The district's air quality on every day of the episode (its start's day to its lifting's, or today while it runs)
     * and the heavy-pollution days it cost against the year's budget; null for an episode whose start is unknown.
     */
    private AirQualitySummary airQuality(Instant startsAt, Instant liftedAt, Instant now, ZoneId zone) {
        if (startsAt == null) {
            return null;
        }
        String area = config.airQualityArea();
        LocalDate first = LocalDate.ofInstant(startsAt, zone);
        LocalDate last = LocalDate.ofInstant(liftedAt == null ? now : liftedAt, zone);
        LocalDate today = LocalDate.ofInstant(now, zone);
        Map<LocalDate, AirQualityDayStore.Day> known = airQuality.between(area, first, last);
        List<AirQualityDayView> days = new ArrayList<>();
        List<LocalDate> heavy = new ArrayList<>();
        List<LocalDate> withoutAqi = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            AirQualityDayStore.Day state = known.get(day);
            AirQualityDayView view = AirQualityDayView.of(day, state);
            days.add(view);
            if (view.heavy()) {
                heavy.add(day);
            }
            if (state == null || state.aqi() == null || !Boolean.TRUE.equals(state.aqiValid())) {
                withoutAqi.add(day);
            }
        }
        LocalDate yearStart = last.withDayOfYear(1);
        LocalDate yearEnd = today.getYear() == last.getYear() ? today : last.withDayOfYear(last.lengthOfYear());
        int yearHeavy = airQuality.heavyDays(area, yearStart, yearEnd.isBefore(last) ? last : yearEnd);
        int budget = config.heavyDayBudget();
        String text = "过程共%d天，重污染%d天；%d年累计重污染%d天（全年不超过%d天）%s".formatted(days.size(), heavy.size(),
                last.getYear(), yearHeavy, budget, yearHeavy > budget ? "，已超出" + (yearHeavy - budget) + "天"
                        : "，尚余" + (budget - yearHeavy) + "天");
        return new AirQualitySummary(area, days, heavy.size(), heavy, withoutAqi, last.getYear(), yearHeavy, budget,
                Math.max(0, budget - yearHeavy), Math.max(0, yearHeavy - budget), text);
    }

    /** BLUE → 蓝色预警 (the contract's name); an unknown code stays as it is. */
    static String levelName(String level) {
        try {
            return level == null ? null : WarningLevel.valueOf(level).chineseName();
        } catch (IllegalArgumentException unknown) {
            return level;
        }
    }

    static String issuerName(String issuer) {
        if (issuer == null) {
            return null;
        }
        return switch (issuer) {
            case "CITY" -> "市级预警";
            case "DISTRICT" -> "区级预警";
            default -> issuer;
        };
    }

    private static List<QuantityTotal> quantities(Map<String, BigDecimal> totals) {
        return totals.entrySet().stream().map(entry -> new QuantityTotal(entry.getKey(), plain(entry.getValue()))).toList();
    }

    /** 63.50 → 63.5, 100.000 → 100 (not 1E+2). */
    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private record Filed(Instant firstSubmittedAt, List<Quantity> quantities) {
    }

    private static final class UnitBuilder {
        final String code;
        final String name;
        final List<Acknowledgement> requests = new ArrayList<>();

        UnitBuilder(String code, String name) {
            this.code = code;
            this.name = name;
        }
    }

    /**
     * @param lifted     false while the episode runs: the assessment is as of {@code assessedAt}
     * @param totals     each reported quantity summed over every unit and day (latest revisions)
     */
    @Schema(name = "EpisodeAssessment", description = "Who acknowledged the duties and when, which daily reports were on time, late or missing, and the totals of the reported quantities")
    public record Assessment(String episodeId, @Schema(description = "The last level", example = "ORANGE") String level,
            @Schema(description = "Its Chinese name", example = "橙色预警") String levelName,
            @Schema(nullable = true, description = "CITY or DISTRICT; null for an episode last applied before this was kept", example = "CITY") String issuer,
            @Schema(nullable = true, description = "市级预警 or 区级预警", example = "市级预警") String issuerName,
            @Schema(description = "Each level whose duties were sent (activation, each upgrade or downgrade), in order") List<LevelPeriod> levels,
            @Schema(nullable = true, description = "Null for an episode applied before daily reports were followed") Instant startsAt,
            @Schema(nullable = true) Instant liftedAt,
            @Schema(description = "false while the episode runs: the assessment is as of assessedAt") boolean lifted,
            Instant assessedAt, @Schema(description = "ecoplan.episodes.daily-report-hour (Beijing time)", example = "20") int dailyReportHour,
            Counts counts, @Schema(description = "Each reported quantity summed over every unit and day") List<QuantityTotal> totals,
            List<UnitAssessment> units,
            @Schema(nullable = true, description = "The district's air quality on each day of the episode and the heavy-pollution days it cost; null while the episode's start is unknown") AirQualitySummary airQuality) {
    }

    /**
     * @param heavyDays          days of the episode with a valid AQI above 200 (重污染日: 重度污染 or 严重污染)
     * @param heavyDaysThisYear  heavy days of the episode's (last day's) year so far, this episode's included
     */
    @Schema(name = "EpisodeAirQuality", description = "From indicator-service's daily observations (indicator.air-quality-day-changed.v1): the latest value of each day")
    public record AirQualitySummary(@Schema(description = "ecoplan.episodes.air-quality-area", example = "YANQING") String area,
            @Schema(description = "Every day from the start's to the lifting's (today's while the episode runs)") List<AirQualityDayView> days,
            @Schema(description = "Days of the episode with a valid AQI above 200", example = "1") int heavyDays,
            @Schema(description = "Those days") List<LocalDate> heavyDates,
            @Schema(description = "Days of the episode without a valid AQI (yet)") List<LocalDate> daysWithoutAqi,
            @Schema(example = "2026") int year,
            @Schema(description = "Heavy-pollution days of the year so far (this episode's included)", example = "2") int heavyDaysThisYear,
            @Schema(description = "ecoplan.episodes.heavy-day-budget: heavy days the year allows (附件1 task 1)", example = "3") int heavyDayBudget,
            @Schema(description = "Heavy days the year still allows (0 once spent)", example = "1") int heavyDaysLeft,
            @Schema(description = "Heavy days beyond the budget", example = "0") int heavyDaysOverBudget,
            @Schema(description = "In Chinese, numbers as published", example = "过程共3天，重污染1天；2026年累计重污染2天（全年不超过3天），尚余1天") String summaryText) {
    }

    /** One day as published (AQI whole, rounded up; PM2.5 whole µg/m³) with the raw values beside. */
    @Schema(name = "EpisodeAirQualityDay")
    public record AirQualityDayView(LocalDate date,
            @Schema(nullable = true, description = "Daily AQI as published: whole, rounded up (HJ 633); null without a value", example = "236") Integer aqi,
            @Schema(nullable = true, description = "The AQI as entered", example = "235.4") BigDecimal aqiRaw,
            @Schema(nullable = true, description = "Whether the AQI counts (at least 20 hourly values)") Boolean aqiValid,
            @Schema(nullable = true, description = "EXCELLENT, GOOD, LIGHTLY_POLLUTED, MODERATELY_POLLUTED, HEAVILY_POLLUTED, SEVERELY_POLLUTED (HJ 633); UNKNOWN for a category a newer indicator-service publishes and this version does not know", example = "HEAVILY_POLLUTED") AqiLevel aqiLevel,
            @Schema(nullable = true, description = "The category in Chinese: 优, 良, 轻度污染, 中度污染, 重度污染, 严重污染", example = "重度污染") String aqiLevelName,
            @Schema(nullable = true, description = "PM2.5 daily mean as published: whole µg/m³, half up", example = "186") Integer pm25,
            @Schema(nullable = true, description = "The PM2.5 mean as entered (µg/m³)", example = "186.4") BigDecimal pm25Raw,
            @Schema(nullable = true) Boolean pm25Valid,
            @Schema(nullable = true, description = "As published, e.g. 186微克/立方米", example = "186微克/立方米") String pm25Text,
            @Schema(description = "A valid AQI above 200: charged against the year's budget") boolean heavy) {

        static AirQualityDayView of(LocalDate date, AirQualityDayStore.Day state) {
            if (state == null) {
                return new AirQualityDayView(date, null, null, null, null, null, null, null, null, null, false);
            }
            Integer pm25 = state.pm25() == null ? null : AqiLevel.publishedPm25(state.pm25());
            return new AirQualityDayView(date, state.aqi() == null ? null : AqiLevel.published(state.aqi()),
                    state.aqi() == null ? null : plain(state.aqi()), state.aqiValid(), state.aqiLevel(),
                    state.aqiLevel() == null ? null : state.aqiLevel().chineseName(), pm25,
                    state.pm25() == null ? null : plain(state.pm25()), state.pm25Valid(),
                    pm25 == null ? null : pm25 + "微克/立方米", state.heavy());
        }
    }

    @Schema(name = "EpisodeLevelPeriod")
    public record LevelPeriod(@Schema(example = "2") long revision, @Schema(example = "ORANGE") String level,
            @Schema(example = "橙色预警") String levelName,
            @Schema(description = "When this service sent the level's duties to the member units", example = "2026-12-04T00:00:00Z") Instant sentAt) {
    }

    @Schema(name = "EpisodeQuantityTotal")
    public record QuantityTotal(@Schema(example = "停工工地数") String name, @Schema(example = "84") BigDecimal total) {
    }

    /**
     * @param acknowledgedOnTime  requests (unit × level) acknowledged within the time
     * @param acknowledgedLate    requests acknowledged after it
     * @param notAcknowledged     requests never acknowledged (superseded by a level change or closed by the lifting)
     * @param unitsNeverAcknowledged units that acknowledged none of their requests
     * @param reportsDue          unit-days whose response was due by now
     */
    @Schema(name = "EpisodeAssessmentCounts")
    public record Counts(int units, int acknowledgedOnTime, int acknowledgedLate, int notAcknowledged, int unitsNeverAcknowledged,
            int reportsDue, int reportsOnTime, int reportsLate, int reportsMissing) {
    }

    @Schema(name = "EpisodeUnitAssessment")
    public record UnitAssessment(@Schema(example = "HOUSING") String departmentCode, @Schema(example = "区住房城乡建设委") String departmentName,
            @Schema(description = "One per level whose duties were sent (activation, each level change)") List<AcknowledgementOutcome> acknowledgements,
            boolean neverAcknowledged,
            @Schema(description = "Days whose response was filed by the daily report hour") List<LocalDate> reportedOnTime,
            @Schema(description = "Days whose response was filed after it") List<LocalDate> reportedLate,
            @Schema(description = "Days due by now without a response") List<LocalDate> missing,
            List<QuantityTotal> totals) {
    }

    @Schema(name = "EpisodeAcknowledgementOutcome")
    public record AcknowledgementOutcome(long revision, @Schema(example = "ORANGE") String level, Instant requestedAt, Instant dueAt,
            @Schema(nullable = true) Instant acknowledgedAt, @Schema(nullable = true) String acknowledgedBy, boolean late,
            @Schema(description = "Whom the missing acknowledgement was escalated to: SUPERVISORS (EPISODE_UNACKNOWLEDGED), HEAD (EPISODE_ESCALATED_TO_HEAD); empty when it was not") List<String> escalatedTo) {
    }
}
