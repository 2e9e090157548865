package org.ecoplan.indicator.targets;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads a year-end target of 附件4 (年终目标) together with its indicator's name: the number and unit
 * ({@code 26微克/立方米}, {@code 80%}, {@code 3天}, {@code 5家}), targets in words ({@code 保持零填埋} = exactly
 * zero) and references to the city's requirement ({@code 达到市级要求}, {@code 达到本市目标要求}), which stay
 * pending until an administrator sets them. The name decides what kind of quantity it is and which direction
 * is good: concentrations, heavy-pollution days and poor-grade shares must stay at or below the target.
 */
@ApplicationScoped
public class TargetParser {

    private static final Pattern NUMBER_WITH_UNIT = Pattern.compile(
            "(\\d+(?:\\.\\d+)?)\\s*(微克/立方米|μg/m³|µg/m³|ug/m3|%|％|天|家|块|个|组|辆|台|处|座|条|项|万吨|吨)?");
    private static final Pattern CITY_REQUIREMENT = Pattern.compile("市级|本市|全市|市目标|市要求");
    private static final Pattern ZERO_IN_WORDS = Pattern.compile("零");
    private static final List<String> LOWER_IS_BETTER = List.of("浓度", "重污染", "差等级", "填埋", "漏损", "超标");
    private static final List<String> AT_LEAST_WORDS = List.of("以上", "不低于", "不少于", "至少", "超过");
    private static final List<String> AT_MOST_WORDS = List.of("以内", "以下", "不超过", "不高于", "控制在");
    private static final List<String> COUNT_UNITS = List.of("家", "块", "个", "组", "辆", "台", "处", "座", "条", "项");

    public ParsedTarget parse(String indicatorName, String targetText) {
        String name = indicatorName == null ? "" : indicatorName;
        String text = targetText == null ? "" : targetText.strip();
        if (text.isEmpty()) {
            return new ParsedTarget(TargetState.UNREADABLE, null, null, directionOf(name, text), kindFromName(name, null),
                    null, "no target text / 无目标");
        }
        if (CITY_REQUIREMENT.matcher(text).find()) {
            QuantityKind kind = kindFromName(name, null);
            return new ParsedTarget(TargetState.PENDING, null, null, directionOf(name, text), kind, metricOf(name, kind),
                    "set by the city's requirement; an administrator enters the value / 待管理员录入市级目标值");
        }
        Matcher number = NUMBER_WITH_UNIT.matcher(text);
        if (number.find()) {
            BigDecimal value = new BigDecimal(number.group(1));
            String unit = normalisedUnit(number.group(2), name);
            QuantityKind kind = kindFromName(name, unit);
            return new ParsedTarget(TargetState.SET, value, unit, directionOf(name, text), kind, metricOf(name, kind), null);
        }
        if (ZERO_IN_WORDS.matcher(text).find()) {
            // 保持零填埋: the quantity stays at zero all year; a share when the name says 占比/比例.
            String unit = isShareName(name) ? "%" : null;
            QuantityKind kind = unit == null ? QuantityKind.CUMULATIVE_AMOUNT : QuantityKind.SHARE;
            return new ParsedTarget(TargetState.SET, BigDecimal.ZERO, unit, Comparison.EXACTLY, kind, null,
                    "target in words: stays at zero / 保持为零");
        }
        return new ParsedTarget(TargetState.UNREADABLE, null, null, directionOf(name, text), kindFromName(name, null),
                null, "target text not understood / 无法识别: " + text);
    }

    /** Comparison words in the text win; otherwise the name says which direction is good. */
    static Comparison directionOf(String name, String text) {
        if (AT_MOST_WORDS.stream().anyMatch(text::contains)) {
            return Comparison.AT_MOST;
        }
        if (AT_LEAST_WORDS.stream().anyMatch(text::contains)) {
            return Comparison.AT_LEAST;
        }
        if (text.contains("左右")) {
            return Comparison.EXACTLY;
        }
        return LOWER_IS_BETTER.stream().anyMatch(name::contains) ? Comparison.AT_MOST : Comparison.AT_LEAST;
    }

    static QuantityKind kindFromName(String name, String unit) {
        if ("微克/立方米".equals(unit) || (unit == null && name.contains("浓度"))) {
            return QuantityKind.ANNUAL_MEAN_CONCENTRATION;
        }
        if (name.contains("天数比率") || name.contains("天数比例")) {
            return QuantityKind.RATIO_OF_DAYS;
        }
        if ("天".equals(unit) || (unit == null && name.contains("天数"))) {
            return QuantityKind.COUNT_OF_DAYS;
        }
        if ("%".equals(unit) || (unit == null && isShareName(name))) {
            return QuantityKind.SHARE;
        }
        if ("吨".equals(unit) || "万吨".equals(unit) || name.contains("减排量")) {
            return QuantityKind.CUMULATIVE_AMOUNT;
        }
        return QuantityKind.CUMULATIVE_COUNT;
    }

    static Metric metricOf(String name, QuantityKind kind) {
        String compact = name.replace(" ", "").toUpperCase();
        return switch (kind) {
            case ANNUAL_MEAN_CONCENTRATION -> compact.contains("PM2.5") || compact.contains("PM25") ? Metric.PM25_DAILY : null;
            case RATIO_OF_DAYS -> compact.contains("优良") ? Metric.AQI_DAILY : null;
            case COUNT_OF_DAYS -> compact.contains("重污染") ? Metric.AQI_DAILY : null;
            default -> null;
        };
    }

    private static boolean isShareName(String name) {
        return name.endsWith("率") || name.contains("比例") || name.contains("比率") || name.contains("占比")
                || name.contains("率平均值");
    }

    private static String normalisedUnit(String unit, String name) {
        if (unit == null) {
            return isShareName(name) ? "%" : null;
        }
        return switch (unit) {
            case "％" -> "%";
            case "μg/m³", "µg/m³", "ug/m3" -> "微克/立方米";
            default -> unit;
        };
    }

    /** Units that count things (家, 块, 个 …). */
    public static boolean isCountUnit(String unit) {
        return unit != null && COUNT_UNITS.contains(unit);
    }
}
