package org.ecoplan.progress.contract;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * Where a measure stands against its deadline, as a supervisor (督办) judges it. Decided in one place —
 * progress-service, from the catalogue deadline, the official report status and the business clock — and
 * carried on {@link MeasureStatusChanged}, so that every service and every view shows the same state and
 * none re-derives it. When several hold, the first in this order wins: completed, overdue, behind pace, at
 * risk, on track, not due. An ongoing measure (长期实施/持续推进, no due date) is only ever ON_TRACK, AT_RISK or
 * COMPLETED_ON_TIME: it can be neither overdue nor behind a pace it does not have. The rule itself is
 * progress-service's {@code DeliveryRule}; its README section says it in words.
 */
public enum DeliveryState {
    /** A seasonal window that has not opened yet (e.g. 6-9月 in March): nothing is expected so far. */
    NOT_DUE("未到实施期"),
    /** In its time window and keeping pace (序时进度), or an ongoing measure (长期实施/持续推进) without trouble. */
    ON_TRACK("正常推进"),
    /**
     * In its time window, and the share of the window elapsed exceeds the percent complete of the latest
     * approved report by at least the configured gap. A measure without an approved report late in its
     * window is behind pace, never on track.
     */
    BEHIND_PACE("滞后于序时进度"),
    /** Its department reports it AT_RISK or DELAYED, while it still keeps pace. */
    AT_RISK("存在风险"),
    /** The deadline (end of a DATE or WINDOW) has passed and the measure is not completed. */
    OVERDUE("已逾期"),
    /** Completed (approved COMPLETED report) on or before the deadline; ongoing measures too. */
    COMPLETED_ON_TIME("按期完成"),
    /** Completed after the deadline. */
    COMPLETED_LATE("逾期完成"),
    /** A state a newer producer knows and this reader does not: shown as such, never guessed. */
    @JsonEnumDefaultValue
    UNKNOWN("未知状态");

    private final String chineseName;

    DeliveryState(String chineseName) {
        this.chineseName = chineseName;
    }

    /** The state's name in Chinese texts (alerts, bulletins, views). */
    public String chineseName() {
        return chineseName;
    }

    public boolean completed() {
        return this == COMPLETED_ON_TIME || this == COMPLETED_LATE;
    }

    /** Needs a supervisor's attention: overdue or behind pace (the 督办 list). */
    public boolean needsSupervision() {
        return this == OVERDUE || this == BEHIND_PACE;
    }
}
