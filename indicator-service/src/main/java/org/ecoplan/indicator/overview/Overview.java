package org.ecoplan.indicator.overview;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.ecoplan.indicator.airquality.AirQualityService.RankedArea;
import org.ecoplan.indicator.rollup.StateCountsView;
import org.ecoplan.indicator.tracking.DepartmentNames.Named;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Where a district stands on one date, in one answer: counts per delivery state per plan and section, the
 * supervision list's first page, the worst departments, reporting punctuality, the air-quality indicators with what
 * the rest of the year must do, every 附件4 indicator, and the month's town ranking. The long lists have endpoints of
 * their own with paging and filters; their totals equal the counts here.
 */
@Schema(name = "Overview")
public record Overview(@Schema(example = "延庆区") String district, @Schema(example = "2026") int year,
        @Schema(example = "征求意见稿") String edition,
        @Schema(description = "The date the figures are for: today, or the end of a past month", example = "2026-05-31") LocalDate asOf,
        @Schema(description = "TODAY: the latest states; MONTH_END: the states as they stood at the end of that month, which later events do not change") String asOfKind,
        @Schema(nullable = true, description = "MONTH_END only: when the latest of the month's states was recorded here; after the month's end means the month was corrected then") Instant lastRecordedAt,
        @Schema(description = "The picture in one Chinese paragraph, numbers as published") String summaryText,
        @Schema(description = "All measures of the district's plans") StateCountsView measures,
        List<PlanFigures> plans, SupervisionSummary supervision,
        @Schema(description = "The first entries of the department ranking (worst by overdue, then behind pace)") List<RankedParty> worstDepartments,
        @Schema(description = "Entries in the full ranking (GET /overview/department-ranking)", example = "30") int rankedDepartments,
        @Schema(nullable = true) Punctuality punctuality,
        @Schema(description = "PM2.5, good-days ratio and heavy-pollution days, with what the rest of the year must do") List<IndicatorLine> airQuality,
        @Schema(description = "Every 附件4 indicator of the year") List<IndicatorLine> indicators,
        TownRanking townRanking) {

    @Schema(name = "OverviewPlan")
    public record PlanFigures(String planId, @Schema(example = "1") int attachment,
            @Schema(example = "持续污染防治攻坚2026年行动计划") String title, StateCountsView measures, List<SectionFigures> sections) {
    }

    @Schema(name = "OverviewSection")
    public record SectionFigures(String sectionId, @Schema(example = "一、") String label, @Schema(example = "共筑美丽蓝天") String title,
            @Schema(example = "1") int level, StateCountsView measures, List<SectionFigures> subsections) {
    }

    @Schema(name = "OverviewSupervision", description = "The supervision (督办) list: overdue and behind-pace measures")
    public record SupervisionSummary(@Schema(example = "6") int overdue, @Schema(example = "20") int behindPace,
            @Schema(example = "26") int total,
            @Schema(description = "Its first page, worst first; the rest: GET /overview/supervision-list") List<SupervisionItem> firstItems) {
    }

    /** One measure of the supervision list. */
    @Schema(name = "SupervisionItem")
    public record SupervisionItem(String measureId, PlanRef plan, TaskRef task, @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(nullable = true) SectionRef section,
            @Schema(example = "2") int position, @Schema(description = "The measure's text (工作措施)") String text,
            @Schema(example = "OVERDUE") String state, @Schema(example = "已逾期") String stateName,
            Deadline deadline,
            @Schema(nullable = true, description = "Days past the deadline on asOf (OVERDUE) or at completion (COMPLETED_LATE)", example = "12") Integer daysLate,
            @Schema(nullable = true, description = "序时进度 minus percent complete, percentage points", example = "35") Integer paceGap,
            @Schema(nullable = true, description = "序时进度: share of the window elapsed, percent", example = "60") Integer expectedPercent,
            @Schema(nullable = true, example = "25") Integer percentComplete, @Schema(nullable = true) LocalDate overdueSince,
            @Schema(nullable = true, description = "When progress-service assessed the state") LocalDate assessedOn,
            @Schema(description = "Lead departments (牵头), a group (各街乡镇) as the group") List<Named> lead,
            @Schema(description = "Responsible departments (主责)") List<Named> responsible,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(nullable = true, description = "The approved report the official status rests on, null without one") ApprovedReport lastApprovedReport) {
    }

    @Schema(name = "PlanRef")
    public record PlanRef(String id, @Schema(example = "1") int attachment, @Schema(example = "持续污染防治攻坚2026年行动计划") String title) {
    }

    @Schema(name = "TaskRef")
    public record TaskRef(String id, @Schema(example = "30") int number, @Schema(example = "实施清管行动") String name,
            @Schema(example = "附件1 第30项") String label) {
    }

    @Schema(name = "SectionRef")
    public record SectionRef(String id, @Schema(example = "（三）") String label, @Schema(example = "水环境治理") String title) {
    }

    @Schema(name = "OverviewDeadline")
    public record Deadline(@Schema(example = "DATE") String kind, @Schema(example = "6月底前") String label,
            @Schema(nullable = true, example = "2026-06-30") LocalDate end) {
    }

    @Schema(name = "ApprovedReport")
    public record ApprovedReport(String reportId, Instant approvedAt,
            @Schema(description = "approvedAt's date in the district's calendar", example = "2026-05-06") LocalDate approvedOn) {
    }

    /**
     * A department (named directly as lead or responsible) or a group (各街乡镇 as a whole) in the ranking.
     *
     * @param rank 1 = worst by the chosen order; equal values share a rank
     */
    @Schema(name = "RankedParty", description = "Ranked on what it leads or is responsible for; a department's share of a group's measures (各街乡镇) is in throughGroups, the group's measures count once under the group")
    public record RankedParty(@Schema(example = "1") int rank, @Schema(example = "ENV") String code,
            @Schema(example = "区生态环境局") String name, @Schema(example = "DEPARTMENT") String kind,
            @Schema(nullable = true, description = "Members of a group, null for a department", example = "18") Integer members,
            @Schema(example = "96") int measures, @Schema(example = "3") int overdue, @Schema(example = "12") int behindPace,
            @Schema(example = "2") int atRisk, @Schema(example = "10") int completed,
            @Schema(nullable = true, example = "0.1042") BigDecimal completionRate, @Schema(nullable = true, example = "10.4%") String completionRateText,
            StateCountsView states, RoleFigures throughGroups, RoleFigures assisting,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(nullable = true, description = "Its own monthly reports; null for a group") Punctuality punctuality) {
    }

    @Schema(name = "RoleFigures", description = "Measures held in another role, not part of the ranking")
    public record RoleFigures(@Schema(example = "27") int measures, @Schema(example = "1") int overdue,
            @Schema(example = "2") int behindPace, @Schema(example = "3") int completed) {
    }

    /**
     * Monthly reports in by the {@code dueDay} of the next month.
     *
     * @param due      (measure, department, month) pairs for which a report was due: the department leads the measure
     *                 or is responsible for it directly, and the measure was neither completed before the month nor
     *                 not yet due (未到实施期) at its end
     */
    @Schema(name = "Punctuality", description = "Monthly reports submitted by the due day of the next month, over the months whose due day has passed by asOf")
    public record Punctuality(@Schema(nullable = true, example = "2026-01") String fromPeriod, @Schema(nullable = true, example = "2026-04") String toPeriod,
            @Schema(example = "5") int dueDay, @Schema(example = "480") int due, @Schema(example = "400") int onTime,
            @Schema(example = "50") int late, @Schema(example = "30") int missing,
            @Schema(nullable = true, description = "onTime / due, 0-1 (4 decimals); null when nothing was due", example = "0.8333") BigDecimal rate,
            @Schema(nullable = true, example = "83.3%") String rateText) {
    }

    /** An indicator's judgement as of the overview's date, numbers as published beside the raw ones. */
    @Schema(name = "OverviewIndicator")
    public record IndicatorLine(String indicatorId, @Schema(nullable = true, example = "1") Integer number, @Schema(example = "PM2.5年均浓度") String name,
            @Schema(example = "ANNUAL_MEAN_CONCENTRATION") String kind, @Schema(nullable = true, example = "微克/立方米") String unit,
            @Schema(nullable = true, example = "AT_MOST") String comparison, @Schema(nullable = true, example = "26") BigDecimal target,
            @Schema(nullable = true, description = "As the plan states it", example = "26微克/立方米") String targetText,
            @Schema(example = "AT_RISK") String status, @Schema(nullable = true, example = "存在不达标风险") String statusName,
            @Schema(nullable = true, description = "raw (2 decimals)", example = "30.93") BigDecimal valueSoFar,
            @Schema(nullable = true, description = "as published", example = "30.9微克/立方米") String valueSoFarText,
            @Schema(nullable = true) BigDecimal projectedValue, @Schema(nullable = true, example = "27.8微克/立方米") String projectedText,
            @Schema(nullable = true, description = "What the rest of the year must achieve (raw)", example = "23.14") BigDecimal requiredForRest,
            @Schema(nullable = true, description = "The same as published", example = "23.1微克/立方米") String requiredForRestValueText,
            @Schema(nullable = true, description = "In words, Chinese and English") String requiredText, boolean provisional,
            @Schema(nullable = true, example = "SEASONAL_PROFILE") String method, List<Named> leadDepartments) {
    }

    @Schema(name = "OverviewTownRanking", description = "The 18 subdistricts and towns by the month's mean PM2.5, worst first")
    public record TownRanking(@Schema(example = "2026-05") String month, List<RankedArea> areas) {
    }
}
