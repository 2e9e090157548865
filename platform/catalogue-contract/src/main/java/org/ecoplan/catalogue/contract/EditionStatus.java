package org.ecoplan.catalogue.contract;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Where an edition of a district's yearly plan (征求意见稿, 修订稿, 印发稿) stands. One edition per district and year is
 * current; a later edition is loaded as a candidate beside it, compared, and adopted, whereupon the earlier one is
 * superseded. Only current and superseded editions are ever published: a candidate's entities stay in plan-service
 * until it is adopted.
 */
public enum EditionStatus {
    /** The plan the district works to. */
    CURRENT("现行版本"),
    /** Loaded beside the current edition, not yet adopted (never published). */
    CANDIDATE("待采用"),
    /** Replaced by a later edition that was adopted. */
    SUPERSEDED("已被替代"),
    /** A value a newer producer knows and this reader does not. */
    UNKNOWN("未知");

    private final String chineseName;

    EditionStatus(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }

    /** Tolerant reading: an unknown value is {@link #UNKNOWN}, an absent one (older producers) {@link #CURRENT}. */
    @JsonCreator
    public static EditionStatus of(String value) {
        if (value == null || value.isBlank()) {
            return CURRENT;
        }
        for (EditionStatus status : values()) {
            if (status.name().equals(value)) {
                return status;
            }
        }
        return UNKNOWN;
    }
}
