package org.ecoplan.indicator.tracking;

/** Where an indicator comes from. */
public enum Origin {
    /** The indicator table 附件4 of the plan catalogue. */
    TABLE,
    /** A quantified target found in a measure text. */
    MEASURE
}
