package org.ecoplan.indicator.airquality.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.ecoplan.indicator.airquality.AirQualityFigures;
import org.ecoplan.indicator.display.Published;
import org.ecoplan.indicator.observation.Area;
import org.ecoplan.indicator.targets.Metric;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The year's air-quality figures of one area: values as published, raw values for machines beside them. */
@Schema(name = "AirQualityFigures", description = "From valid daily values up to asOf (HJ 663-2013, HJ 633-2012). pm25Mean and goodDaysRatio are rounded as published (1 decimal); the *Raw fields keep full precision.")
public record AirQualityView(@Schema(example = "YANQING") String area, @Schema(example = "延庆区") String areaName,
        @Schema(example = "2026") int year, @Schema(nullable = true, description = "The latest day with data, not after today") LocalDate asOf,
        @Schema(example = "273") int elapsedDays, @Schema(example = "92") int remainingDays,
        @Schema(example = "265") int validPm25Days, @Schema(example = "8197.4") double pm25Sum,
        @Schema(nullable = true, description = "µg/m³, 1 decimal as published", example = "30.9") BigDecimal pm25Mean,
        @Schema(nullable = true, description = "µg/m³, full precision", example = "30.933633633633644") Double pm25MeanRaw,
        @Schema(nullable = true, example = "30.9微克/立方米") String pm25MeanText,
        @Schema(example = "266") int validAqiDays, @Schema(example = "208") int goodDays,
        @Schema(nullable = true, description = "percent, 1 decimal as published", example = "78.2") BigDecimal goodDaysRatio,
        @Schema(nullable = true, description = "percent, full precision", example = "78.19548872180451") Double goodDaysRatioRaw,
        @Schema(nullable = true, example = "78.2%") String goodDaysRatioText, @Schema(example = "4") int heavyPollutionDays,
        @Schema(description = "pm25Provisional or aqiProvisional") boolean provisional,
        @Schema(description = "The PM2.5 mean rests on too few valid PM2.5 days") boolean pm25Provisional,
        @Schema(description = "The good-days ratio and heavy-pollution days rest on too few valid AQI days") boolean aqiProvisional,
        List<String> provisionalReasons) {

    public static AirQualityView of(AirQualityFigures figures) {
        BigDecimal pm25 = Published.round(figures.pm25Mean(), 1);
        return new AirQualityView(figures.area(), Area.nameOf(figures.area()), figures.year(), figures.asOf(),
                figures.elapsedDays(), figures.remainingDays(), figures.validPm25Days(), figures.pm25Sum(), pm25,
                figures.pm25Mean(), pm25 == null ? null : pm25.toPlainString() + Metric.PM25_DAILY.unit(),
                figures.validAqiDays(), figures.goodDays(), Published.round(figures.goodDaysRatio(), 1),
                figures.goodDaysRatio(), Published.percent(figures.goodDaysRatio()), figures.heavyPollutionDays(),
                figures.provisional(), figures.pm25Provisional(), figures.aqiProvisional(), figures.provisionalReasons());
    }
}
