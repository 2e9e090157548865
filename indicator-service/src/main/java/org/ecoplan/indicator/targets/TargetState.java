package org.ecoplan.indicator.targets;

/** Whether a target can be judged against. */
public enum TargetState {
    /** Value, unit and comparison are known (parsed, or set by an administrator). */
    SET,
    /** The document refers to the city's requirement (达到市级要求); an administrator sets the value. */
    PENDING,
    /** The text could not be read; an administrator sets the value. */
    UNREADABLE
}
