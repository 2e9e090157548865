package org.ecoplan.indicator.status;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Thresholds of the status judgement (the README's "Status and projection" section has the formulas).
 * These are the defaults: once a supervisor sets thresholds ({@code PUT /status/thresholds}) the stored ones
 * apply in every instance, also after a restart ({@link StatusThresholdsRepository}).
 */
@ConfigMapping(prefix = "ecoplan.indicator.status")
public interface StatusConfig {

    /** The projection must beat the target by this share to be ON_TRACK (else AT_RISK). */
    @WithDefault("0.03")
    double onTrackMargin();

    /** A projection worse than the target by more than this share is OFF_TRACK (else AT_RISK). */
    @WithDefault("0.05")
    double offTrackMargin();

    /** Cumulative counts: done / expected-by-now at or above this is ON_TRACK. */
    @WithDefault("0.9")
    double scheduleOnTrackRatio();

    /** Cumulative counts: done / expected-by-now below this is OFF_TRACK (between the two: AT_RISK). */
    @WithDefault("0.6")
    double scheduleOffTrackRatio();

    /** Days of last year that must match this year's days before the seasonal profile is used. */
    @WithDefault("30")
    int minimumProfileDays();

    /** When every indicator and roll-up is judged again because time passed (deadlines, share of the year). */
    @WithDefault("0 30 0 * * ?")
    String reevaluateCron();
}
