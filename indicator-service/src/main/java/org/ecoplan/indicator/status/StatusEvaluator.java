package org.ecoplan.indicator.status;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;

import org.ecoplan.indicator.airquality.AirQualityCalculator;
import org.ecoplan.indicator.airquality.AirQualityFigures;
import org.ecoplan.indicator.contract.AqiLevel;
import org.ecoplan.indicator.contract.IndicatorStatus;
import org.ecoplan.indicator.display.Published;
import org.ecoplan.indicator.observation.DailyValue;
import org.ecoplan.indicator.targets.Comparison;
import org.ecoplan.indicator.targets.QuantityKind;
import org.ecoplan.indicator.targets.TargetState;

/**
 * Judges one indicator: value so far, projection to year end, status and what the rest of the year must
 * achieve. Pure: everything it needs is passed in. The formulas are in the README ("Status and projection").
 */
public final class StatusEvaluator {

    private StatusEvaluator() {
    }

    /** The target as far as the judgement needs it. */
    public record Target(QuantityKind kind, Comparison comparison, TargetState state, BigDecimal value, String unit,
            int year) {
    }

    /** A value observed for a period (cumulative counts and shares: the value as it stands then). */
    public record Point(LocalDate periodStart, double value) {
    }

    /**
     * @param thisYear daily values of the indicator's metric (air quality), this year
     * @param lastYear the same metric last year: the seasonal profile, may be empty
     * @param points   observations of a non-daily indicator, this year
     */
    public record Evidence(List<DailyValue> thisYear, List<DailyValue> lastYear, List<Point> points) {
    }

    public static Judgement judge(Target target, Evidence evidence, LocalDate today, Thresholds thresholds) {
        return switch (target.kind()) {
            case ANNUAL_MEAN_CONCENTRATION, RATIO_OF_DAYS, COUNT_OF_DAYS -> judgeDaily(target, evidence, today, thresholds);
            case CUMULATIVE_COUNT, CUMULATIVE_AMOUNT -> judgeCumulative(target, evidence.points(), today, thresholds);
            case SHARE -> judgeShare(target, evidence.points(), today, thresholds);
        };
    }

    // ---- daily air-quality indicators ------------------------------------------------------------------

    private static Judgement judgeDaily(Target target, Evidence evidence, LocalDate today, Thresholds thresholds) {
        boolean concentration = target.kind() == QuantityKind.ANNUAL_MEAN_CONCENTRATION;
        AirQualityFigures figures = AirQualityCalculator.figures(null, target.year(),
                concentration ? evidence.thisYear() : List.of(), concentration ? List.of() : evidence.thisYear(), today);
        int valid = concentration ? figures.validPm25Days() : figures.validAqiDays();
        if (!figures.hasData() || valid == 0) {
            return pendingOr(target, Judgement.without(IndicatorStatus.NO_DATA, "no valid daily values yet / 暂无有效日数据"));
        }
        List<DailyValue> thisYear = validUpTo(evidence.thisYear(), target.year(), figures.asOf());
        Profile profile = Profile.of(thisYear, evidence.lastYear(), figures.asOf(), thresholds.minimumProfileDays());
        DailyYear year = new DailyYear(target, figures, valid, figures.remainingDays(), profile, thresholds);
        return pendingOr(target, switch (target.kind()) {
            case ANNUAL_MEAN_CONCENTRATION -> judgeMeanConcentration(year);
            case RATIO_OF_DAYS -> judgeGoodDays(year);
            default -> judgeHeavyDays(year);
        });
    }

    /**
     * What the daily metrics are judged on: the year's figures so far, its valid days, the days still to come and the
     * seasonal profile of last year that projects them (null when last year is too thin).
     */
    private record DailyYear(Target target, AirQualityFigures figures, int valid, int remaining, Profile profile,
            Thresholds thresholds) {

        double expectedDays() {
            return valid + remaining;
        }

        boolean targetSet() {
            return target.state() == TargetState.SET;
        }
    }

    /** PM2.5 annual mean (年均浓度): the mean so far and the mean the remaining days may still have. */
    private static Judgement judgeMeanConcentration(DailyYear year) {
        Target target = year.target();
        int remaining = year.remaining();
        double sum = year.figures().pm25Sum();
        double soFar = sum / year.valid();
        double remainingMean = year.profile() != null ? year.profile().meanOfRest() : soFar;
        double projected = (sum + remaining * remainingMean) / year.expectedDays();
        Double required = null;
        String text = null;
        if (year.targetSet() && remaining > 0) {
            required = (target.value().doubleValue() * year.expectedDays() - sum) / remaining;
            text = required < 0
                    ? "target can no longer be met: even zero for the remaining %d days ends above %s / 剩余%d天即使为零也无法达标"
                            .formatted(remaining, Published.plain(target.value()), remaining)
                    : "the remaining %d days may average at most %.1f %s / 剩余%d天PM2.5平均浓度不得超过%.1f%s"
                            .formatted(remaining, required, target.unit(), remaining, required, target.unit());
        }
        IndicatorStatus status = !year.targetSet() ? IndicatorStatus.TARGET_PENDING
                : remaining == 0 ? finalStatus(target, soFar)
                : required != null && required < 0 ? IndicatorStatus.OFF_TRACK
                : compare(target, projected, year.thresholds());
        return judgement(status, soFar, projected, required, text, year.figures().pm25Provisional(), year.profile());
    }

    /** Share of good days (优良天数比例): how many more good days the target needs in the days left. */
    private static Judgement judgeGoodDays(DailyYear year) {
        Target target = year.target();
        int remaining = year.remaining();
        int good = year.figures().goodDays();
        double soFar = 100.0 * good / year.valid();
        double goodShareOfRest = year.profile() != null
                ? year.profile().shareOfRest(aqi -> aqi <= AirQualityCalculator.GOOD_AQI_LIMIT)
                : (double) good / year.valid();
        double projected = 100.0 * (good + remaining * goodShareOfRest) / year.expectedDays();
        if (!year.targetSet()) {
            return judgement(IndicatorStatus.TARGET_PENDING, soFar, projected, null, null, year.figures().aqiProvisional(),
                    year.profile());
        }
        int needed = Math.max(0, (int) Math.ceil(target.value().doubleValue() / 100.0 * year.expectedDays() - 1e-9) - good);
        String text = "%d more good days needed in the remaining %d days / 剩余%d天中还需%d个优良天"
                .formatted(needed, remaining, remaining, needed);
        IndicatorStatus status = needed == 0 ? IndicatorStatus.ACHIEVED
                : needed > remaining ? IndicatorStatus.OFF_TRACK
                : compare(target, projected, year.thresholds());
        return judgement(status, soFar, projected, (double) needed, text, year.figures().aqiProvisional(), year.profile());
    }

    /** Heavy-pollution days (重污染天数): how many the target still allows in the days left. */
    private static Judgement judgeHeavyDays(DailyYear year) {
        Target target = year.target();
        int remaining = year.remaining();
        int heavy = year.figures().heavyPollutionDays();
        double heavyShareOfRest = year.profile() != null
                ? year.profile().shareOfRest(aqi -> aqi > AqiLevel.HEAVY_ABOVE)
                : (double) heavy / year.valid();
        double projected = heavy + remaining * heavyShareOfRest;
        if (!year.targetSet()) {
            return judgement(IndicatorStatus.TARGET_PENDING, heavy, projected, null, null, year.figures().aqiProvisional(),
                    year.profile());
        }
        double allowed = target.value().doubleValue() - heavy;
        String text = allowed < 0 ? "%d heavy-pollution days already, %s allowed / 已出现重污染%d天，超出目标%s天"
                .formatted(heavy, Published.plain(target.value()), heavy, Published.plain(target.value()))
                : "at most %d more heavy-pollution days in the remaining %d days / 剩余%d天重污染天数不得超过%d天"
                        .formatted((int) allowed, remaining, remaining, (int) allowed);
        IndicatorStatus status = allowed < 0 ? IndicatorStatus.OFF_TRACK
                : remaining == 0 ? IndicatorStatus.ACHIEVED
                : compare(target, projected, year.thresholds());
        return judgement(status, heavy, projected, Math.max(0, allowed), text, year.figures().aqiProvisional(),
                year.profile());
    }

    private static List<DailyValue> validUpTo(List<DailyValue> days, int year, LocalDate asOf) {
        return days.stream().filter(day -> day.valid() && day.date().getYear() == year && !day.date().isAfter(asOf)).toList();
    }

    /**
     * Last year's days after {@code asOf}, scaled by this year's level relative to last year over the same
     * calendar days: ratio = Σ this year / Σ last year over the days both have.
     */
    record Profile(List<Double> scaledRest) {

        static Profile of(List<DailyValue> thisYear, List<DailyValue> lastYear, LocalDate asOf, int minimumDays) {
            if (lastYear == null || lastYear.isEmpty()) {
                return null;
            }
            Map<MonthDay, Double> last = new HashMap<>();
            for (DailyValue day : lastYear) {
                if (day.valid()) {
                    last.put(MonthDay.from(day.date()), day.value());
                }
            }
            double thisSum = 0;
            double lastSum = 0;
            int matched = 0;
            for (DailyValue day : thisYear) {
                Double before = last.get(MonthDay.from(day.date()));
                if (before != null) {
                    thisSum += day.value();
                    lastSum += before;
                    matched++;
                }
            }
            MonthDay cut = MonthDay.from(asOf);
            List<Double> rest = new ArrayList<>();
            if (matched < minimumDays || lastSum <= 0) {
                return null;
            }
            double ratio = thisSum / lastSum;
            last.forEach((day, value) -> {
                if (day.isAfter(cut)) {
                    rest.add(value * ratio);
                }
            });
            return rest.isEmpty() ? null : new Profile(rest);
        }

        double meanOfRest() {
            return scaledRest.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        }

        double shareOfRest(DoublePredicate condition) {
            return (double) scaledRest.stream().filter(condition::test).count() / scaledRest.size();
        }
    }

    // ---- cumulative counts and amounts -------------------------------------------------------------------

    private static Judgement judgeCumulative(Target target, List<Point> points, LocalDate today, Thresholds thresholds) {
        Point latest = latest(points, target.year(), today);
        if (latest == null) {
            return pendingOr(target, Judgement.without(IndicatorStatus.NO_DATA, "no value reported yet / 暂无数据"));
        }
        double done = latest.value();
        int daysInYear = LocalDate.of(target.year(), 1, 1).lengthOfYear();
        double shareOfYear = today.getYear() > target.year() ? 1.0
                : Math.min(1.0, today.getDayOfYear() / (double) daysInYear);
        double projected = shareOfYear > 0 ? done / shareOfYear : done;
        if (target.state() != TargetState.SET) {
            return new Judgement(IndicatorStatus.TARGET_PENDING, bd(done), bd(projected), null, null, false, "SHARE_OF_YEAR");
        }
        double goal = target.value().doubleValue();
        if (target.comparison() == Comparison.AT_MOST) {
            IndicatorStatus status = done > goal ? IndicatorStatus.OFF_TRACK
                    : shareOfYear >= 1.0 ? IndicatorStatus.ACHIEVED : compare(target, projected, thresholds);
            return new Judgement(status, bd(done), bd(projected), bd(Math.max(0, goal - done)),
                    "at most %s %s more / 剩余额度%s".formatted(fmt(goal - done), unit(target), fmt(goal - done)), false, "SHARE_OF_YEAR");
        }
        double missing = Math.max(0, goal - done);
        String text = "%s %s still to do by year end / 年底前还需完成%s%s".formatted(fmt(missing), unit(target), fmt(missing), unit(target));
        if (done >= goal) {
            return new Judgement(IndicatorStatus.ACHIEVED, bd(done), bd(projected), BigDecimal.ZERO, text, false, "SHARE_OF_YEAR");
        }
        if (shareOfYear >= 1.0) {
            return new Judgement(IndicatorStatus.OFF_TRACK, bd(done), bd(done), bd(missing), text, false, "SHARE_OF_YEAR");
        }
        // Whole things cannot be done in fractions: 3 fleets by year end means 0 expected before May.
        double expected = goal * shareOfYear;
        if (target.kind() == QuantityKind.CUMULATIVE_COUNT) {
            expected = Math.floor(expected);
        }
        double pace = expected <= 0 ? 1.0 : done / expected;
        IndicatorStatus status = pace >= thresholds.scheduleOnTrackRatio() ? IndicatorStatus.ON_TRACK
                : pace >= thresholds.scheduleOffTrackRatio() ? IndicatorStatus.AT_RISK : IndicatorStatus.OFF_TRACK;
        return new Judgement(status, bd(done), bd(projected), bd(missing), text, false, "SHARE_OF_YEAR");
    }

    // ---- shares as they stand ----------------------------------------------------------------------------

    private static Judgement judgeShare(Target target, List<Point> points, LocalDate today, Thresholds thresholds) {
        Point latest = latest(points, target.year(), today);
        if (latest == null) {
            return pendingOr(target, Judgement.without(IndicatorStatus.NO_DATA, "no value reported yet / 暂无数据"));
        }
        double value = latest.value();
        if (target.state() != TargetState.SET) {
            return new Judgement(IndicatorStatus.TARGET_PENDING, bd(value), bd(value), null, null, false, "LATEST_VALUE");
        }
        double goal = target.value().doubleValue();
        boolean yearOver = today.getYear() > target.year()
                || today.equals(LocalDate.of(target.year(), 12, 31));
        // A share is judged as it stands: meeting the target now is on track; the margins only grade a miss.
        IndicatorStatus status = yearOver ? finalStatus(target, value)
                : finalStatus(target, value) == IndicatorStatus.ACHIEVED ? IndicatorStatus.ON_TRACK
                : compare(target, value, thresholds);
        String text = switch (target.comparison()) {
            case AT_LEAST -> value >= goal ? "keep it at or above %s%s / 保持不低于%s%s".formatted(fmt(goal), unit(target), fmt(goal), unit(target))
                    : "raise it by %s %s to %s / 还需提高%s".formatted(fmt(goal - value), unit(target), fmt(goal), fmt(goal - value));
            case AT_MOST -> value <= goal ? "keep it at or below %s%s / 保持不高于%s%s".formatted(fmt(goal), unit(target), fmt(goal), unit(target))
                    : "lower it by %s %s to %s / 还需降低%s".formatted(fmt(value - goal), unit(target), fmt(goal), fmt(value - goal));
            case EXACTLY -> "keep it at %s%s / 保持为%s%s".formatted(fmt(goal), unit(target), fmt(goal), unit(target));
        };
        return new Judgement(status, bd(value), bd(value), BigDecimal.valueOf(goal), text, false, "LATEST_VALUE");
    }

    // ---- shared rules --------------------------------------------------------------------------------------

    /** Status of a projection against the target with the configured margins (formulas in the README). */
    static IndicatorStatus compare(Target target, double projected, Thresholds thresholds) {
        double goal = target.value().doubleValue();
        return switch (target.comparison()) {
            case AT_MOST -> projected <= goal * (1 - thresholds.onTrackMargin()) ? IndicatorStatus.ON_TRACK
                    : projected > goal * (1 + thresholds.offTrackMargin()) ? IndicatorStatus.OFF_TRACK
                    : IndicatorStatus.AT_RISK;
            case AT_LEAST -> {
                double onTrackFrom = goal * (1 + thresholds.onTrackMargin());
                if ("%".equals(target.unit())) {
                    onTrackFrom = Math.min(onTrackFrom, Math.max(goal, 100.0));
                }
                yield projected >= onTrackFrom ? IndicatorStatus.ON_TRACK
                        : projected < goal * (1 - thresholds.offTrackMargin()) ? IndicatorStatus.OFF_TRACK
                        : IndicatorStatus.AT_RISK;
            }
            case EXACTLY -> Math.abs(projected - goal) <= Math.abs(goal) * thresholds.onTrackMargin() + 1e-9
                    ? IndicatorStatus.ON_TRACK : IndicatorStatus.OFF_TRACK;
        };
    }

    private static IndicatorStatus finalStatus(Target target, double value) {
        if (target.state() != TargetState.SET) {
            return IndicatorStatus.TARGET_PENDING;
        }
        double goal = target.value().doubleValue();
        boolean met = switch (target.comparison()) {
            case AT_MOST -> value <= goal + 1e-9;
            case AT_LEAST -> value >= goal - 1e-9;
            case EXACTLY -> Math.abs(value - goal) < 1e-9;
        };
        return met ? IndicatorStatus.ACHIEVED : IndicatorStatus.OFF_TRACK;
    }

    /** A pending target still shows the figures, but its status says why it cannot be judged. */
    private static Judgement pendingOr(Target target, Judgement judgement) {
        if (target.state() == TargetState.SET) {
            return judgement;
        }
        return new Judgement(IndicatorStatus.TARGET_PENDING, judgement.valueSoFar(), judgement.projectedValue(), null,
                "target pending: set by the city, to be entered by an administrator / 目标值待录入", judgement.provisional(),
                judgement.method());
    }

    private static Judgement judgement(IndicatorStatus status, double soFar, double projected, Double required,
            String text, boolean provisional, Profile profile) {
        return new Judgement(status, bd(soFar), bd(projected), required == null ? null : bd(required), text, provisional,
                profile != null ? "SEASONAL_PROFILE" : "STRAIGHT_LINE");
    }

    private static Point latest(List<Point> points, int year, LocalDate today) {
        Point latest = null;
        for (Point point : points) {
            if (point.periodStart().getYear() == year && !point.periodStart().isAfter(today)
                    && (latest == null || point.periodStart().isAfter(latest.periodStart()))) {
                latest = point;
            }
        }
        return latest;
    }

    static BigDecimal bd(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }

    private static String fmt(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static String unit(Target target) {
        return target.unit() == null ? "" : target.unit();
    }
}
