package org.ecoplan.indicator.airquality;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;

/**
 * The year's air-quality figures for one area as the bureau computes them from daily values, up to
 * {@code asOf} (the latest day with data, not after today).
 *
 * @param pm25Mean        mean of the valid daily PM2.5 means (HJ 663-2013), µg/m³; {@code null} without valid days
 * @param goodDaysRatio   good days (AQI ≤ 100) / valid AQI days × 100; {@code null} without valid days
 * @param heavyPollutionDays days with AQI > 200 (HJ 633-2012)
 * @param elapsedDays     days from 1 January to {@code asOf}
 * @param remainingDays   days after {@code asOf} to 31 December
 * @param provisional     too few valid days for a standard annual figure of PM2.5 or AQI (see {@code provisionalReasons})
 * @param pm25Provisional the PM2.5 mean rests on too few valid PM2.5 days
 * @param aqiProvisional  the good-days ratio and heavy-pollution days rest on too few valid AQI days
 */
public record AirQualityFigures(String area, int year, @Schema(nullable = true) LocalDate asOf, int elapsedDays, int remainingDays,
        int validPm25Days, double pm25Sum, @Schema(nullable = true) Double pm25Mean, int validAqiDays, int goodDays,
        @Schema(nullable = true) Double goodDaysRatio, int heavyPollutionDays, boolean provisional, List<String> provisionalReasons,
        boolean pm25Provisional, boolean aqiProvisional) {

    public boolean hasData() {
        return asOf != null;
    }
}
