package org.ecoplan.progress.contract;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A value a report states for a quantified target of its measure (e.g. 城市道路机械化作业率 97.6 %).
 *
 * @param name  what was measured, as the reporter or the measure names it (Chinese text)
 * @param value the number, in {@code unit}; within {@link #rangeProblem(BigDecimal) the storable range}
 * @param unit  e.g. {@code %}, {@code 家}, {@code 微克/立方米}
 * @param area  the district or one of its subdistricts/towns the value is for; {@code null}: the district
 */
public record MeasuredValue(String name, BigDecimal value, String unit, String area) {

    /**
     * Digits before the decimal point that every consumer stores: indicator-service keeps values as
     * {@code numeric(20, 6)}, which holds 14 of them. No measured quantity of a district (tonnes, 万元, μg/m³, %)
     * comes near 10^14.
     */
    public static final int INTEGER_DIGITS = 14;
    /** Digits after the decimal point that every consumer stores; more would be rounded away silently. */
    public static final int FRACTION_DIGITS = 6;
    public static final String RANGE_MESSAGE = "must have at most " + INTEGER_DIGITS + " digits before and "
            + FRACTION_DIGITS + " after the decimal point / 数值超出可存储范围（整数最多" + INTEGER_DIGITS + "位，小数最多"
            + FRACTION_DIGITS + "位）";

    /**
     * The one home of the rule, for the producer's edge ({@link StorableValue} on progress-service's request), for
     * indicator-service's own observation input and for every consumer that meets an older or foreign record.
     *
     * @return why {@code value} cannot be stored as it is, empty if it can (and for {@code null})
     */
    public static Optional<String> rangeProblem(BigDecimal value) {
        if (value == null) {
            return Optional.empty();
        }
        BigDecimal stripped = value.stripTrailingZeros();
        // 1E+400 has precision 1 and scale -400: 401 digits before the point.
        long integerDigits = (long) stripped.precision() - stripped.scale();
        long fractionDigits = Math.max(0, stripped.scale());
        return integerDigits > INTEGER_DIGITS || fractionDigits > FRACTION_DIGITS ? Optional.of(RANGE_MESSAGE) : Optional.empty();
    }
}
