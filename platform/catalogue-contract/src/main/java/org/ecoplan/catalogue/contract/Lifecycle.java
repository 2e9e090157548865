package org.ecoplan.catalogue.contract;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Whether a measure or an indicator is still part of its district's current plan. A revised edition that drops a
 * measure closes it instead of deleting it: its id, its progress reports and its alerts stay, consumers stop
 * expecting reports for it. States from producers older than this field carry none and are {@link #OPEN}.
 */
public enum Lifecycle {
    /** Part of the current plan. */
    OPEN("执行中"),
    /** Dropped by a later edition of the plan (修订稿); kept with its history, no longer tracked. */
    CLOSED("已关闭"),
    /** A value a newer producer knows and this reader does not: shown as such, never guessed. */
    UNKNOWN("未知");

    private final String chineseName;

    Lifecycle(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }

    /** Tolerant reading: an unknown value is {@link #UNKNOWN}, an absent one (older producers) {@link #OPEN}. */
    @JsonCreator
    public static Lifecycle of(String value) {
        if (value == null || value.isBlank()) {
            return OPEN;
        }
        for (Lifecycle lifecycle : values()) {
            if (lifecycle.name().equals(value)) {
                return lifecycle;
            }
        }
        return UNKNOWN;
    }
}
