package org.ecoplan.plan.catalogue;

/** How a measure's 完成时限 bounds it in time. */
public enum DeadlineKind {
    /** Done by a date: 年底前, 6月底前. */
    DATE,
    /** Active during a seasonal window: 6-9月. */
    WINDOW,
    /** No end date, reported on periodically: 长期实施, 持续推进. */
    ONGOING
}
