package org.ecoplan.indicator.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.ecoplan.indicator.contract.IndicatorStatus;
import org.ecoplan.indicator.observation.DailyValue;
import org.ecoplan.indicator.status.StatusEvaluator.Evidence;
import org.ecoplan.indicator.status.StatusEvaluator.Point;
import org.ecoplan.indicator.status.StatusEvaluator.Target;
import org.ecoplan.indicator.targets.Comparison;
import org.ecoplan.indicator.targets.QuantityKind;
import org.ecoplan.indicator.targets.TargetState;
import org.junit.jupiter.api.Test;

class StatusEvaluatorTest {

    private static final Thresholds DEFAULTS = new Thresholds(0.03, 0.05, 0.9, 0.6, 30);
    private static final LocalDate MID_YEAR = LocalDate.of(2026, 7, 2);

    @Test
    void judgesCumulativeCountsAgainstTheShareOfTheYearThatHasPassed() {
        Target fleets = count(3);
        // Half the year: floor(1.5) = 1 fleet expected by now.
        assertEquals(IndicatorStatus.ON_TRACK, judge(fleets, 1).status());
        assertEquals(IndicatorStatus.OFF_TRACK, judge(fleets, 0).status());
        assertEquals(IndicatorStatus.ACHIEVED, judge(fleets, 3).status());
        Judgement boilers = judge(count(25), 10);
        // floor(12.5) = 12 expected, 10 done: 83 % of the pace.
        assertEquals(IndicatorStatus.AT_RISK, boilers.status());
        assertEquals(0, new BigDecimal(15).compareTo(boilers.requiredForRest()));
        assertEquals(IndicatorStatus.ON_TRACK, judge(count(5), 0, LocalDate.of(2026, 2, 1)).status(),
                "no restaurant is due in January yet");
    }

    @Test
    void judgesSharesAsTheyStandAndZeroLandfillExactly() {
        Target landfill = new Target(QuantityKind.SHARE, Comparison.EXACTLY, TargetState.SET, BigDecimal.ZERO, "%", 2026);
        assertEquals(IndicatorStatus.ON_TRACK, judge(landfill, 0).status());
        assertEquals(IndicatorStatus.OFF_TRACK, judge(landfill, 0.4).status());
        Target safeUse = new Target(QuantityKind.SHARE, Comparison.AT_LEAST, TargetState.SET, new BigDecimal(100), "%", 2026);
        assertEquals(IndicatorStatus.ON_TRACK, judge(safeUse, 100).status());
        assertEquals(IndicatorStatus.AT_RISK, judge(safeUse, 97).status());
        Target dustyRoads = new Target(QuantityKind.SHARE, Comparison.AT_MOST, TargetState.SET, new BigDecimal(2), "%", 2026);
        assertEquals(IndicatorStatus.OFF_TRACK, judge(dustyRoads, 2.5).status());
    }

    @Test
    void saysWhyAPendingTargetCannotBeJudged() {
        Target pending = new Target(QuantityKind.CUMULATIVE_AMOUNT, Comparison.AT_LEAST, TargetState.PENDING, null, null, 2026);
        assertEquals(IndicatorStatus.TARGET_PENDING, judge(pending, 120).status());
        assertEquals(IndicatorStatus.TARGET_PENDING,
                StatusEvaluator.judge(pending, new Evidence(List.of(), List.of(), List.of()), MID_YEAR, DEFAULTS).status());
    }

    @Test
    void judgesGoodAndHeavyDaysProvisionalOnTheAqiDaysTheyAreComputedFrom() {
        // A complete year of valid daily AQI (and nothing else: these indicators are computed from AQI alone).
        List<DailyValue> year = new ArrayList<>();
        for (LocalDate day = LocalDate.of(2026, 1, 1); day.getYear() == 2026; day = day.plusDays(1)) {
            year.add(new DailyValue(day, day.getDayOfMonth() == 15 && day.getMonthValue() == 1 ? 230 : 60, true));
        }
        LocalDate newYear = LocalDate.of(2027, 1, 1);
        Target goodDays = new Target(QuantityKind.RATIO_OF_DAYS, Comparison.AT_LEAST, TargetState.SET, new BigDecimal(80), "%", 2026);
        Target heavyDays = new Target(QuantityKind.COUNT_OF_DAYS, Comparison.AT_MOST, TargetState.SET, new BigDecimal(3), "天", 2026);
        Judgement good = StatusEvaluator.judge(goodDays, new Evidence(year, List.of(), List.of()), newYear, DEFAULTS);
        Judgement heavy = StatusEvaluator.judge(heavyDays, new Evidence(year, List.of(), List.of()), newYear, DEFAULTS);
        assertFalse(good.provisional(), "365 valid AQI days");
        assertFalse(heavy.provisional(), "365 valid AQI days");
        assertEquals(IndicatorStatus.ACHIEVED, heavy.status());
        assertEquals(0, BigDecimal.ONE.compareTo(heavy.valueSoFar()));

        // Judged on AQI days, provisional still means something: a March without data makes both provisional.
        List<DailyValue> withoutMarch = year.stream().filter(day -> day.date().getMonthValue() != 3).toList();
        assertTrue(StatusEvaluator.judge(goodDays, new Evidence(withoutMarch, List.of(), List.of()), newYear, DEFAULTS).provisional());
        assertTrue(StatusEvaluator.judge(heavyDays, new Evidence(withoutMarch, List.of(), List.of()), newYear, DEFAULTS).provisional());
    }

    @Test
    void printsTargetsInTextsAsPublished() {
        // Targets are stored as numeric(20,6): the texts must not say 26.000000 or 3.000000.
        List<DailyValue> days = new ArrayList<>();
        for (LocalDate day = LocalDate.of(2026, 1, 1); !day.isAfter(LocalDate.of(2026, 11, 30)); day = day.plusDays(1)) {
            days.add(new DailyValue(day, day.getDayOfMonth() <= 1 ? 260 : 90, true));
        }
        Target pm25 = new Target(QuantityKind.ANNUAL_MEAN_CONCENTRATION, Comparison.AT_MOST, TargetState.SET,
                new BigDecimal("26.000000"), "微克/立方米", 2026);
        Target heavyDays = new Target(QuantityKind.COUNT_OF_DAYS, Comparison.AT_MOST, TargetState.SET,
                new BigDecimal("3.000000"), "天", 2026);
        LocalDate today = LocalDate.of(2026, 11, 30);
        String pm25Text = StatusEvaluator.judge(pm25, new Evidence(days, List.of(), List.of()), today, DEFAULTS).requiredText();
        String heavyText = StatusEvaluator.judge(heavyDays, new Evidence(days, List.of(), List.of()), today, DEFAULTS).requiredText();
        assertTrue(pm25Text.contains("ends above 26 /"), pm25Text);
        assertTrue(heavyText.contains("11 heavy-pollution days already, 3 allowed"), heavyText);
        assertFalse(pm25Text.contains(".000000") || heavyText.contains(".000000"), pm25Text + " | " + heavyText);
    }

    private static Target count(int target) {
        return new Target(QuantityKind.CUMULATIVE_COUNT, Comparison.AT_LEAST, TargetState.SET, new BigDecimal(target), "家", 2026);
    }

    private static Judgement judge(Target target, double value) {
        return judge(target, value, MID_YEAR);
    }

    private static Judgement judge(Target target, double value, LocalDate today) {
        return StatusEvaluator.judge(target, new Evidence(List.of(), List.of(), List.of(new Point(today.withDayOfMonth(1), value))),
                today, DEFAULTS);
    }
}
