package org.ecoplan.indicator.contract;

import java.math.BigDecimal;
import java.math.RoundingMode;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * The air-quality index categories of HJ 633-2012 (环境空气质量指数（AQI）技术规定), with their Chinese names. A daily
 * AQI is published as a whole number rounded <em>up</em> (HJ 633: 计算结果应全部进位取整数), so that the published
 * value and its category agree with the rule "heavy pollution = AQI above 200" on the raw value: 200.4 is 201, 重度污染.
 * One home for the categories, the rounding and the heavy-day rule, for indicator-service and its consumers alike.
 */
public enum AqiLevel {
    EXCELLENT("优", 50),
    GOOD("良", 100),
    LIGHTLY_POLLUTED("轻度污染", 150),
    MODERATELY_POLLUTED("中度污染", 200),
    HEAVILY_POLLUTED("重度污染", 300),
    SEVERELY_POLLUTED("严重污染", Integer.MAX_VALUE),
    /**
     * A category a newer producer knows and this version does not: read as this rather than refused, so that such
     * an event is applied (its {@code heavy} flag is the producer's decision), not dead-lettered. Never produced.
     */
    @JsonEnumDefaultValue
    UNKNOWN("未知类别", -1);

    /** A heavy-pollution day (重污染日: 重度及以上) has a daily AQI above this. */
    public static final int HEAVY_ABOVE = 200;

    private final String chineseName;
    private final int upperBound;

    AqiLevel(String chineseName, int upperBound) {
        this.chineseName = chineseName;
        this.upperBound = upperBound;
    }

    public String chineseName() {
        return chineseName;
    }

    /** Heavy pollution or worse (重度污染, 严重污染): a day charged against the year's heavy-day budget. */
    public boolean heavy() {
        return this != UNKNOWN && upperBound > HEAVY_ABOVE;
    }

    /** The AQI as published: a whole number, rounded up. */
    public static int published(BigDecimal aqi) {
        return aqi.setScale(0, RoundingMode.CEILING).intValueExact();
    }

    /** The category of a daily AQI (of its published value). */
    public static AqiLevel of(BigDecimal aqi) {
        int published = published(aqi);
        for (AqiLevel level : values()) {
            if (level != UNKNOWN && published <= level.upperBound) {
                return level;
            }
        }
        return SEVERELY_POLLUTED;
    }

    /** A PM2.5 daily mean as published: whole µg/m³, rounded half up as in the bureau's tables. */
    public static int publishedPm25(BigDecimal pm25) {
        return pm25.setScale(0, RoundingMode.HALF_UP).intValueExact();
    }
}
