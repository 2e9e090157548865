package org.ecoplan.indicator.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An indicator's judgement after new observations, a target change or the passing of time.
 *
 * @param indicatorId         the indicator's id (the catalogue id for 附件4 indicators, indicator-service's own
 *                            id for confirmed indicators extracted from measure texts); also the Kafka key
 * @param sequence            grows with every change of this indicator; a consumer drops older ones
 * @param district            e.g. 延庆区
 * @param year                the plan year
 * @param number              序号 in 附件4, {@code null} for indicators extracted from a measure
 * @param name                指标名称 (Chinese)
 * @param measureId           the measure an extracted indicator belongs to, {@code null} for 附件4 indicators
 * @param kind                ANNUAL_MEAN_CONCENTRATION, RATIO_OF_DAYS, COUNT_OF_DAYS, CUMULATIVE_COUNT, SHARE, …
 * @param comparison          AT_MOST, AT_LEAST or EXACTLY
 * @param targetValue         the year-end target, {@code null} while pending
 * @param unit                unit of target, value and projection
 * @param status              the new status
 * @param previousStatus      the status before, {@code null} for the first judgement
 * @param valueSoFar          the year's value so far, {@code null} without data; for a count of days
 *                            (COUNT_OF_DAYS, e.g. 重污染天数) the whole number of such days so far. A new event is
 *                            published whenever it changes, also when the status stays the same (e.g. every
 *                            further heavy-pollution day once the budget is spent)
 * @param projectedValue      the projection to year end, {@code null} when none can be made
 * @param requiredForRest     what the rest of the year must achieve to still meet the target (e.g. the PM2.5
 *                            mean the remaining days may not exceed, the good days still needed, the
 *                            heavy-pollution days still allowed), {@code null} when not applicable
 * @param requiredForRestText the same in words (Chinese and English), for people
 * @param leadDepartments     codes of the lead departments (groups expanded)
 * @param cooperatingDepartments codes of the co-operating departments (groups expanded)
 * @param evaluatedAt         when the status was computed
 */
public record IndicatorStatusChanged(String indicatorId, long sequence, String district, int year, Integer number,
        String name, String measureId, String kind, String comparison, BigDecimal targetValue, String unit,
        IndicatorStatus status, IndicatorStatus previousStatus, BigDecimal valueSoFar, BigDecimal projectedValue,
        BigDecimal requiredForRest, String requiredForRestText, List<String> leadDepartments,
        List<String> cooperatingDepartments, Instant evaluatedAt) {
}
