package org.ecoplan.indicator.targets;

import java.math.BigDecimal;

/**
 * A quantified target found in a measure text, e.g. 城市道路机械化作业率 at least 97.5 %.
 *
 * @param name     what is measured, from the text (Chinese)
 * @param fragment the words the target was read from
 */
public record ExtractedTarget(String name, BigDecimal value, String unit, Comparison comparison, QuantityKind kind,
        String fragment) {
}
