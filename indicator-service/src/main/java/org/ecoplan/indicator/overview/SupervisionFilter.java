package org.ecoplan.indicator.overview;

import java.util.List;

/**
 * Filters of the supervision list; {@code null} means any.
 *
 * @param states     DeliveryState names, or {@link #NOT_ASSESSED}
 * @param sectionIds a section and its subsections
 * @param roles      the department's roles that count (LEAD, RESPONSIBLE, ASSISTING)
 */
record SupervisionFilter(List<String> states, String planId, List<String> sectionIds, String department,
        List<String> roles, Sort sort) {

    static final String NOT_ASSESSED = "NOT_ASSESSED";

    /** Orders of the list: each puts the worst first, then document order (附件, task, measure). */
    enum Sort {
        /** Overdue before behind pace before at risk, then days late, then pace gap. */
        SEVERITY,
        DAYS_LATE,
        PACE_GAP,
        /** Earliest deadline first. */
        DEADLINE,
        /** Document order only. */
        TASK
    }
}
