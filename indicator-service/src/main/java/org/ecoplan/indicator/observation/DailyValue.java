package org.ecoplan.indicator.observation;

import java.time.LocalDate;

/**
 * One day's value of a daily metric (PM2.5 daily mean or AQI) for one area.
 *
 * @param valid whether the day counts (HJ 663-2013: a daily mean needs at least 20 hourly values)
 */
public record DailyValue(LocalDate date, double value, boolean valid) {
}
