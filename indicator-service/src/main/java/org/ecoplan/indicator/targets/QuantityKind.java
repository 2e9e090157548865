package org.ecoplan.indicator.targets;

/** What kind of quantity an indicator measures; it decides how the year so far is projected to year end. */
public enum QuantityKind {
    /** The mean of daily means over the year, e.g. PM2.5 年均浓度 in µg/m³. */
    ANNUAL_MEAN_CONCENTRATION,
    /** Days meeting a condition over valid days, in %, e.g. 优良天数比率. */
    RATIO_OF_DAYS,
    /** Days meeting a condition, e.g. 重污染天数. */
    COUNT_OF_DAYS,
    /** Things done so far this year, e.g. 零排放运输车队 3家; judged against the share of the year that has passed. */
    CUMULATIVE_COUNT,
    /** An amount accumulated, e.g. 累计减排量 in tonnes. */
    CUMULATIVE_AMOUNT,
    /** A proportion as it stands, in %, e.g. 新能源化率, 安全利用率. */
    SHARE
}
