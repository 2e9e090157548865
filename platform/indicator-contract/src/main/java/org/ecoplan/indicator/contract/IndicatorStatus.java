package org.ecoplan.indicator.contract;

/** Whether an indicator will meet its year-end target, from best to worst, then the two "cannot tell" states. */
public enum IndicatorStatus {
    ACHIEVED("已达标"),
    ON_TRACK("预计达标"),
    AT_RISK("存在不达标风险"),
    OFF_TRACK("预计难以达标"),
    NO_DATA("暂无数据"),
    TARGET_PENDING("目标待定");

    private final String chineseName;

    IndicatorStatus(String chineseName) {
        this.chineseName = chineseName;
    }

    /** The status's name in Chinese texts (views, alerts, bulletins): never the English code. */
    public String chineseName() {
        return chineseName;
    }

    /** ON_TRACK → AT_RISK → OFF_TRACK (or ACHIEVED → anything worse) is a worsening; NO_DATA/TARGET_PENDING are not ranked. */
    public boolean isWorseThan(IndicatorStatus other) {
        return other != null && ranked() && other.ranked() && ordinal() > other.ordinal();
    }

    private boolean ranked() {
        return this != NO_DATA && this != TARGET_PENDING;
    }
}
