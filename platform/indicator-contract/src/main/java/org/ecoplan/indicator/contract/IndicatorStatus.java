package org.ecoplan.indicator.contract;

/** Whether an indicator will meet its year-end target, from best to worst, then the two "cannot tell" states. */
public enum IndicatorStatus {
    ACHIEVED,
    ON_TRACK,
    AT_RISK,
    OFF_TRACK,
    NO_DATA,
    TARGET_PENDING;

    /** ON_TRACK → AT_RISK → OFF_TRACK (or ACHIEVED → anything worse) is a worsening; NO_DATA/TARGET_PENDING are not ranked. */
    public boolean isWorseThan(IndicatorStatus other) {
        return other != null && ranked() && other.ranked() && ordinal() > other.ordinal();
    }

    private boolean ranked() {
        return this != NO_DATA && this != TARGET_PENDING;
    }
}
