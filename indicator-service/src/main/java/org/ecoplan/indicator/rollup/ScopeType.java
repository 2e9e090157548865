package org.ecoplan.indicator.rollup;

/** What a roll-up adds up. */
public enum ScopeType {
    PLAN,
    SECTION,
    TASK,
    DEPARTMENT
}
