package org.ecoplan.indicator.targets;

/** How an observed value must relate to its target at year end. */
public enum Comparison {
    AT_MOST,
    AT_LEAST,
    EXACTLY
}
