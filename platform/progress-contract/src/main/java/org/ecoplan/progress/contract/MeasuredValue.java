package org.ecoplan.progress.contract;

import java.math.BigDecimal;

/**
 * A value a report states for a quantified target of its measure (e.g. 城市道路机械化作业率 97.6 %).
 *
 * @param name  what was measured, as the reporter or the measure names it (Chinese text)
 * @param value the number, in {@code unit}
 * @param unit  e.g. {@code %}, {@code 家}, {@code 微克/立方米}
 * @param area  the district or one of its subdistricts/towns the value is for; {@code null}: the district
 */
public record MeasuredValue(String name, BigDecimal value, String unit, String area) {
}
