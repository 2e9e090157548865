package org.ecoplan.indicator.observation;

import java.math.BigDecimal;

/** One value to record, already checked: series and area resolved, period parsed. */
public record ObservationInput(String series, String area, PeriodType.Period period, BigDecimal value, boolean valid,
        Integer hours, String source, String sourceRef) {
}
