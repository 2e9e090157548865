package org.ecoplan.indicator.display;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.ecoplan.indicator.targets.QuantityKind;

/**
 * Numbers as the bureau publishes them, for texts and display fields: PM2.5 (a mean concentration) with one
 * decimal, ratios as percent with one decimal, counts of days or things as whole numbers, targets without
 * trailing zeros (26, not 26.000000). Raw values stay in their own fields for machines; only words and display
 * fields go through here. Rounding is half up, as in the bureau's tables.
 */
public final class Published {

    private Published() {
    }

    /** Rounded to {@code decimals} places, {@code null} stays {@code null}. */
    public static BigDecimal round(Double value, int decimals) {
        return value == null || value.isNaN() || value.isInfinite() ? null
                : BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
    }

    /** A number without trailing zeros and without exponent: 26, 97.5, 0. */
    public static String plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    /** A ratio 0-1 as percent with one decimal: 0.7576 → "75.8%". */
    public static String percentOfRatio(BigDecimal ratio) {
        return ratio == null ? null : ratio.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    /** A value that is a percent already, with one decimal: 78.3333 → "78.3%". */
    public static String percent(Double percent) {
        return percent == null ? null : round(percent, 1).toPlainString() + "%";
    }

    /** Decimal places a value of this kind is published with. */
    public static int decimals(QuantityKind kind) {
        return switch (kind) {
            case ANNUAL_MEAN_CONCENTRATION, RATIO_OF_DAYS -> 1;
            case COUNT_OF_DAYS, CUMULATIVE_COUNT -> 0;
            case CUMULATIVE_AMOUNT, SHARE -> 2;
        };
    }

    /** A value of an indicator of this kind as published, without its unit; {@code null} stays {@code null}. */
    public static String value(QuantityKind kind, BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal rounded = value.setScale(decimals(kind), RoundingMode.HALF_UP);
        // Shares and amounts: 2.50 → 2.5; means and ratios keep their one decimal (30.0 stays 30.0 as published).
        return decimals(kind) == 2 ? plain(rounded) : rounded.toPlainString();
    }

    /** {@link #value} followed by the unit ("30.9微克/立方米", "78.3%", "4天"). */
    public static String withUnit(QuantityKind kind, BigDecimal value, String unit) {
        String text = value(kind, value);
        return text == null ? null : text + (unit == null ? "" : unit);
    }
}
