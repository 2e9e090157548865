package org.ecoplan.indicator.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.ecoplan.indicator.contract.IndicatorStatus;
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
