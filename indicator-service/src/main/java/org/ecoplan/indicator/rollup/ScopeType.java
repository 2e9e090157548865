package org.ecoplan.indicator.rollup;

/** What a roll-up adds up. */
public enum ScopeType {
    PLAN,
    SECTION,
    TASK,
    /**
     * The measures a department leads or is responsible for (牵头/主责), named directly or through a group it belongs
     * to (各街乡镇 counts for each of its members): the department's own delivery.
     */
    DEPARTMENT,
    /** The measures a department only assists with (协办), kept apart so they never count as its own delivery. */
    DEPARTMENT_ASSISTING
}
