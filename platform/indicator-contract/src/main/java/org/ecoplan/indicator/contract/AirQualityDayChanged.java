package org.ecoplan.indicator.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One area's air quality of one day, whole: its current daily AQI and PM2.5 (either may be missing), published
 * whenever either is recorded or corrected. Keyed by {@code area + "/" + date}, so the states of one day arrive in
 * order on one partition; {@code revision} grows with every change of the day's values, so a consumer keeps the
 * highest and the latest value wins also after a replay.
 *
 * @param area       the area's code ({@code YANQING} for the district, or a subdistrict/town's department code)
 * @param areaKind   DISTRICT, SUBDISTRICT, TOWN or TOWNSHIP
 * @param revision   the number of values ever entered for this area and day (AQI and PM2.5, corrections included)
 * @param aqi        the daily AQI exactly as entered; null while none is
 * @param aqiValid   whether the AQI counts (HJ 663: at least 20 hourly values); null with {@code aqi}
 * @param aqiLevel   the AQI's category ({@link AqiLevel}); null without an AQI
 * @param heavy      a valid AQI above 200: a heavy-pollution day
 * @param pm25       the PM2.5 daily mean in µg/m³ exactly as entered; null while none is
 * @param pm25Valid  whether the PM2.5 mean counts; null with {@code pm25}
 * @param changedAt  when the latest of the values was entered (business clock)
 */
public record AirQualityDayChanged(String area, String areaName, String areaKind, LocalDate date, long revision,
        BigDecimal aqi, Boolean aqiValid, AqiLevel aqiLevel, boolean heavy, BigDecimal pm25, Boolean pm25Valid,
        Instant changedAt) {
}
