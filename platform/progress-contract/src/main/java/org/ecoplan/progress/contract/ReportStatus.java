package org.ecoplan.progress.contract;

/**
 * How a reporter says a measure stands; the latest approved report makes it the measure's official status.
 * Not to be confused with {@link DeliveryState}, which progress-service decides from this status, the
 * deadline and the calendar.
 */
public enum ReportStatus {
    NOT_STARTED("未启动"),
    ON_TRACK("按计划推进"),
    AT_RISK("存在风险"),
    DELAYED("进度滞后"),
    COMPLETED("已完成");

    private final String chineseName;

    ReportStatus(String chineseName) {
        this.chineseName = chineseName;
    }

    /** The status's name in Chinese texts (alerts, views), e.g. {@code 按计划推进}. */
    public String chineseName() {
        return chineseName;
    }
}
