package org.ecoplan.indicator.target;

/** How an observed value must relate to its target at year end. */
public enum Comparison {
    AT_MOST,
    AT_LEAST,
    EXACTLY
}
