package org.ecoplan.indicator.tracking;

/** An extracted indicator counts only once an administrator confirmed it; 附件4 indicators are confirmed. */
public enum ReviewState {
    CANDIDATE,
    CONFIRMED,
    REJECTED
}
