package org.ecoplan.indicator.status;

import java.math.BigDecimal;

import org.ecoplan.indicator.contract.IndicatorStatus;

/**
 * How an indicator stands.
 *
 * @param method       how the projection was made: SEASONAL_PROFILE, STRAIGHT_LINE, SHARE_OF_YEAR, LATEST_VALUE, NONE
 * @param provisional  too few valid days for a standard figure (air quality)
 */
public record Judgement(IndicatorStatus status, BigDecimal valueSoFar, BigDecimal projectedValue,
        BigDecimal requiredForRest, String requiredText, boolean provisional, String method) {

    static Judgement without(IndicatorStatus status, String text) {
        return new Judgement(status, null, null, null, text, false, "NONE");
    }
}
