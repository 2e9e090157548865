package org.ecoplan.notification.episode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
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

    private final DataSource dataSource;
    private final EpisodeAcknowledgements acknowledgements;
    private final EpisodeReports reports;
    private final EpisodeConfig config;
    private final BusinessClock clock;
    private final ObjectMapper mapper;

    EpisodeAssessments(DataSource dataSource, EpisodeAcknowledgements acknowledgements, EpisodeReports reports,
            EpisodeConfig config, BusinessClock clock, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.acknowledgements = acknowledgements;
        this.reports = reports;
        this.config = config;
        this.clock = clock;
        this.mapper = mapper;
    }

    @Transactional
    public Assessment assess(String episodeId) {
        Instant now = clock.now();
        ZoneId zone = clock.zone();
        try (Connection connection = dataSource.getConnection()) {
            String level;
            Instant startsAt;
            Instant liftedAt;
            try (var query = connection.prepareStatement("select level, starts_at, lifted_at from episode_watch where episode_id = ?")) {
                query.setString(1, episodeId);
                try (var rows = query.executeQuery()) {
                    if (!rows.next()) {
                        throw ProblemException.notFound("episode", episodeId);
                    }
                    level = rows.getString(1);
                    startsAt = instant(rows.getTimestamp(2));
                    liftedAt = instant(rows.getTimestamp(3));
                }
            }
            Map<String, UnitBuilder> units = new TreeMap<>();
            for (Acknowledgement request : acknowledgements.requests(episodeId)) {
                units.computeIfAbsent(request.departmentCode(), code -> new UnitBuilder(code, request.departmentName()))
                        .requests.add(request);
            }
            Map<String, Map<LocalDate, Filed>> filed = new LinkedHashMap<>();
            try (var query = connection.prepareStatement("""
                    select department_code, day, first_submitted_at, quantities::text from episode_report
                    where episode_id = ? order by department_code, day""")) {
                query.setString(1, episodeId);
                try (var rows = query.executeQuery()) {
                    while (rows.next()) {
                        filed.computeIfAbsent(rows.getString(1), code -> new TreeMap<>()).put(rows.getDate(2).toLocalDate(),
                                new Filed(rows.getTimestamp(3).toInstant(), mapper.readValue(rows.getString(4), QUANTITIES)));
                    }
                }
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
                        request.acknowledgedBy(), request.acknowledgedAt() != null && request.acknowledgedAt().isAfter(request.dueAt())))
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
            return new Assessment(episodeId, level, startsAt, liftedAt, liftedAt != null, now, config.dailyReportHour(), counts,
                    quantities(allTotals), assessed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable quantities of episode " + episodeId, e);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot assess episode " + episodeId, e);
        }
    }

    private static List<QuantityTotal> quantities(Map<String, BigDecimal> totals) {
        return totals.entrySet().stream().map(entry -> new QuantityTotal(entry.getKey(), plain(entry.getValue()))).toList();
    }

    /** 63.50 → 63.5, 100.000 → 100 (not 1E+2). */
    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
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
            @Schema(nullable = true, description = "Null for an episode applied before daily reports were followed") Instant startsAt,
            @Schema(nullable = true) Instant liftedAt,
            @Schema(description = "false while the episode runs: the assessment is as of assessedAt") boolean lifted,
            Instant assessedAt, @Schema(description = "ecoplan.episodes.daily-report-hour (Beijing time)", example = "20") int dailyReportHour,
            Counts counts, @Schema(description = "Each reported quantity summed over every unit and day") List<QuantityTotal> totals,
            List<UnitAssessment> units) {
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
            @Schema(nullable = true) Instant acknowledgedAt, @Schema(nullable = true) String acknowledgedBy, boolean late) {
    }
}
