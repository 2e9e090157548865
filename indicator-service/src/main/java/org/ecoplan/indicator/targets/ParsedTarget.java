package org.ecoplan.indicator.targets;

import java.math.BigDecimal;

/**
 * A target read from text. {@code value} and {@code unit} are {@code null} unless {@code state} is SET;
 * {@code comparison} and {@code kind} are known even for a pending target (they follow from the name).
 *
 * @param metric the daily observation series the indicator is computed from ({@link Metric}), or {@code null}
 *               when observations are recorded against the indicator itself
 */
public record ParsedTarget(TargetState state, BigDecimal value, String unit, Comparison comparison, QuantityKind kind,
        Metric metric, String note) {
}
