package org.ecoplan.indicator.targets;

import java.util.Optional;

/**
 * Daily measurements from which air-quality indicators are computed rather than observed directly. An
 * observation's series is a metric code or an indicator id.
 */
public enum Metric {
    /** Daily mean PM2.5 concentration, µg/m³ (HJ 663: valid with at least 20 hourly values). */
    PM25_DAILY("微克/立方米"),
    /** Daily air quality index (HJ 633-2012). */
    AQI_DAILY("");

    private final String unit;

    Metric(String unit) {
        this.unit = unit;
    }

    public String unit() {
        return unit;
    }

    public static Optional<Metric> fromCode(String code) {
        for (Metric metric : values()) {
            if (metric.name().equalsIgnoreCase(code)) {
                return Optional.of(metric);
            }
        }
        return Optional.empty();
    }
}
