package org.ecoplan.indicator.observation;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The numbers an observation can hold without being changed: the column is {@code numeric(20,6)}, so a value
 * needs fewer than 10^14 in magnitude (PostgreSQL would refuse it, failing the whole import with a 500) and at
 * most six decimal places (PostgreSQL would round it silently, storing a value other than the one sent).
 * Observations are checked here and nowhere else, so that a range shared by every service that stores
 * measured values can take this class's place in one edit.
 */
public final class ObservedValueRange {

    /** Integer digits {@code numeric(20,6)} leaves: 20 - 6. */
    static final int INTEGER_DIGITS = 14;

    /** Decimal places {@code numeric(20,6)} keeps. */
    static final int DECIMAL_PLACES = 6;

    private static final BigDecimal LIMIT = BigDecimal.TEN.pow(INTEGER_DIGITS);

    private ObservedValueRange() {
    }

    /** Why {@code value} cannot be stored as it is, for a person; empty when it can. */
    public static Optional<String> problem(BigDecimal value) {
        if (value.abs().compareTo(LIMIT) >= 0) {
            return Optional.of("must be less than 10^%d in magnitude / 数值超出范围".formatted(INTEGER_DIGITS));
        }
        if (value.stripTrailingZeros().scale() > DECIMAL_PLACES) {
            return Optional.of("at most %d decimal places / 最多%d位小数".formatted(DECIMAL_PLACES, DECIMAL_PLACES));
        }
        return Optional.empty();
    }
}
