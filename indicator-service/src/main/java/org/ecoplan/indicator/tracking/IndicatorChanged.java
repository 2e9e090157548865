package org.ecoplan.indicator.tracking;

/**
 * A tracked indicator's definition or target changed (from the catalogue or by hand). Fired synchronously, inside
 * the transaction that changed it, so that its judgement is made again in the same transaction: the status package
 * observes it, and the indicator catalogue stays below the judgement that reads it.
 */
public record IndicatorChanged(TrackedIndicator indicator) {
}
