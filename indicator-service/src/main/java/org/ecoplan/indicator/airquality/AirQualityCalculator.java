package org.ecoplan.indicator.airquality;

import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.ecoplan.indicator.contract.AqiLevel;
import org.ecoplan.indicator.observation.DailyValue;

/**
 * Annual air-quality statistics from daily values, as HJ 663-2013 and HJ 633-2012 define them.
 * <ul>
 * <li>PM2.5 annual mean = arithmetic mean of the valid daily means.</li>
 * <li>Good-days ratio = days with AQI ≤ 100 / days with a valid AQI × 100; heavy pollution = AQI > 200.</li>
 * <li>HJ 663 asks for at least 324 valid daily values a year and 27 in each month (25 in February). For a
 * year in progress a figure is provisional when the valid days it is computed from (PM2.5 days for the mean, AQI
 * days for good and heavy days) fall below 324 × elapsed days / days of the year (rounded up), or when a
 * completed month has fewer than its monthly minimum.</li>
 * </ul>
 */
public final class AirQualityCalculator {

    public static final int GOOD_AQI_LIMIT = 100;
    public static final int ANNUAL_MINIMUM_VALID_DAYS = 324;

    private AirQualityCalculator() {
    }

    /**
     * @param pm25  daily PM2.5 means of {@code year} (other years and days after {@code today} are ignored)
     * @param aqi   daily AQI of {@code year}
     * @param today the business date: nothing after it counts
     */
    public static AirQualityFigures figures(String area, int year, Collection<DailyValue> pm25,
            Collection<DailyValue> aqi, LocalDate today) {
        List<DailyValue> pm25Days = within(pm25, year, today);
        List<DailyValue> aqiDays = within(aqi, year, today);
        LocalDate asOf = latest(pm25Days, aqiDays);
        int daysInYear = LocalDate.of(year, 1, 1).lengthOfYear();
        if (asOf == null) {
            return new AirQualityFigures(area, year, null, 0, daysInYear, 0, 0, null, 0, 0, null, 0, true,
                    List.of("no daily values yet / 暂无日数据"), true, true);
        }
        int elapsed = asOf.getDayOfYear();
        int validPm25 = 0;
        double pm25Sum = 0;
        for (DailyValue day : pm25Days) {
            if (day.valid()) {
                validPm25++;
                pm25Sum += day.value();
            }
        }
        int validAqi = 0;
        int good = 0;
        int heavy = 0;
        for (DailyValue day : aqiDays) {
            if (day.valid()) {
                validAqi++;
                if (day.value() <= GOOD_AQI_LIMIT) {
                    good++;
                }
                if (day.value() > AqiLevel.HEAVY_ABOVE) {
                    heavy++;
                }
            }
        }
        // Each figure is judged on the days it is computed from: the PM2.5 mean on PM2.5 days, the good-days ratio
        // and heavy-pollution days on AQI days.
        List<String> pm25Reasons = provisionalReasons("PM2.5", pm25Days, validPm25, elapsed, daysInYear, asOf);
        List<String> aqiReasons = provisionalReasons("AQI", aqiDays, validAqi, elapsed, daysInYear, asOf);
        List<String> reasons = new ArrayList<>(pm25Reasons);
        reasons.addAll(aqiReasons);
        return new AirQualityFigures(area, year, asOf, elapsed, daysInYear - elapsed, validPm25, pm25Sum,
                validPm25 == 0 ? null : pm25Sum / validPm25, validAqi, good,
                validAqi == 0 ? null : 100.0 * good / validAqi, heavy, !reasons.isEmpty(), List.copyOf(reasons),
                !pm25Reasons.isEmpty(), !aqiReasons.isEmpty());
    }

    /** Valid daily values HJ 663 asks of a complete month. */
    public static int monthlyMinimum(Month month) {
        return month == Month.FEBRUARY ? 25 : 27;
    }

    /** Valid days needed by {@code elapsed} days into the year to keep pace with 324 a year. */
    public static int requiredValidDays(int elapsed, int daysInYear) {
        return (int) Math.ceil(ANNUAL_MINIMUM_VALID_DAYS * (double) elapsed / daysInYear);
    }

    private static List<String> provisionalReasons(String metric, List<DailyValue> days, int validDays, int elapsed,
            int daysInYear, LocalDate asOf) {
        List<String> reasons = new ArrayList<>();
        int required = requiredValidDays(elapsed, daysInYear);
        if (validDays < required) {
            reasons.add("%d valid %s days, %d needed by day %d (324 a year, HJ 663) / %s有效天数不足"
                    .formatted(validDays, metric, required, elapsed, metric));
        }
        Map<YearMonth, Integer> validByMonth = new TreeMap<>();
        for (DailyValue day : days) {
            if (day.valid()) {
                validByMonth.merge(YearMonth.from(day.date()), 1, Integer::sum);
            }
        }
        YearMonth current = YearMonth.from(asOf);
        boolean currentComplete = asOf.equals(current.atEndOfMonth());
        for (YearMonth month = YearMonth.of(asOf.getYear(), 1); month.isBefore(current)
                || (currentComplete && month.equals(current)); month = month.plusMonths(1)) {
            int valid = validByMonth.getOrDefault(month, 0);
            int minimum = monthlyMinimum(month.getMonth());
            if (valid < minimum) {
                reasons.add("%s: %d valid %s days, %d needed (HJ 663) / %s月有效天数不足".formatted(month, valid, metric, minimum, metric));
            }
        }
        return reasons;
    }

    private static List<DailyValue> within(Collection<DailyValue> days, int year, LocalDate today) {
        return days.stream().filter(day -> day.date().getYear() == year && !day.date().isAfter(today)).toList();
    }

    private static LocalDate latest(List<DailyValue> first, List<DailyValue> second) {
        LocalDate latest = null;
        for (List<DailyValue> days : List.of(first, second)) {
            for (DailyValue day : days) {
                if (latest == null || day.date().isAfter(latest)) {
                    latest = day.date();
                }
            }
        }
        return latest;
    }
}
