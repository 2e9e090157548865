package org.ecoplan.indicator.airquality;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ecoplan.indicator.observation.Area;
import org.ecoplan.indicator.observation.DailyValue;
import org.ecoplan.indicator.observation.ObservationRepository;
import org.ecoplan.indicator.observation.ObservationRepository.AreaMean;
import org.ecoplan.indicator.targets.Metric;
import org.ecoplan.web.clock.BusinessClock;

/** Air-quality figures per area from the stored daily values, and the monthly PM2.5 ranking. */
@ApplicationScoped
@Transactional(TxType.SUPPORTS)
public class AirQualityService {

    private final ObservationRepository observations;
    private final BusinessClock clock;

    AirQualityService(ObservationRepository observations, BusinessClock clock) {
        this.observations = observations;
        this.clock = clock;
    }

    public AirQualityFigures figures(Area area, int year) {
        return AirQualityCalculator.figures(area.code(), year,
                observations.daily(Metric.PM25_DAILY.name(), area.code(), year),
                observations.daily(Metric.AQI_DAILY.name(), area.code(), year), clock.today());
    }

    public List<AirQualityFigures> allAreas(int year) {
        Map<String, List<DailyValue>> pm25 = observations.dailyByArea(Metric.PM25_DAILY.name(), year);
        Map<String, List<DailyValue>> aqi = observations.dailyByArea(Metric.AQI_DAILY.name(), year);
        LocalDate today = clock.today();
        return Area.ALL.stream().map(area -> AirQualityCalculator.figures(area.code(), year,
                pm25.getOrDefault(area.code(), List.of()), aqi.getOrDefault(area.code(), List.of()), today)).toList();
    }

    /**
     * @param rank          1 = highest PM2.5 mean (worst)
     * @param provisional   fewer valid days than HJ 663 asks of a month (27, February 25; the current month:
     *                      in proportion to its elapsed days)
     */
    public record RankedArea(@Schema(nullable = true) Integer rank, String area, String name,
            @Schema(nullable = true, description = "µg/m³, 1 decimal as published", example = "32.4") Double pm25Mean,
            @Schema(nullable = true, description = "µg/m³, full precision", example = "32.41935483870968") Double pm25MeanRaw, int validDays,
            boolean provisional) {
    }

    /** The 18 subdistricts and towns by mean PM2.5 of one month, worst first; areas without data last. */
    public List<RankedArea> monthlyRanking(YearMonth month) {
        LocalDate today = clock.today();
        LocalDate last = month.atEndOfMonth().isAfter(today) ? today : month.atEndOfMonth();
        int requiredDays = last.equals(month.atEndOfMonth()) ? AirQualityCalculator.monthlyMinimum(month.getMonth())
                : (int) Math.ceil(AirQualityCalculator.monthlyMinimum(month.getMonth()) * last.getDayOfMonth()
                        / (double) month.lengthOfMonth());
        return ranking(month.atDay(1), last, requiredDays);
    }

    /**
     * The 18 by mean PM2.5 of the year so far (1 January to {@code to}), worst first: the bulletin's year ranking. An
     * area with fewer valid days than HJ 663's 324 a year, pro rata, is flagged provisional.
     */
    public List<RankedArea> yearRanking(LocalDate to) {
        LocalDate last = to.isAfter(clock.today()) ? clock.today() : to;
        int requiredDays = (int) Math.ceil(324.0 * last.getDayOfYear() / last.lengthOfYear());
        return ranking(last.withDayOfYear(1), last, requiredDays);
    }

    private List<RankedArea> ranking(LocalDate from, LocalDate last, int requiredDays) {
        Map<String, AreaMean> byArea = observations.dailyMeanByArea(Metric.PM25_DAILY.name(), from, last);
        List<RankedArea> withData = new ArrayList<>();
        List<RankedArea> withoutData = new ArrayList<>();
        for (Area area : Area.subdistrictsAndTowns()) {
            AreaMean measured = byArea.get(area.code());
            if (measured == null) {
                withoutData.add(new RankedArea(null, area.code(), area.name(), null, null, 0, true));
            } else {
                int days = measured.days();
                double mean = measured.mean();
                withData.add(new RankedArea(null, area.code(), area.name(), Math.round(mean * 10) / 10.0, mean, days,
                        days < requiredDays));
            }
        }
        withData.sort((a, b) -> Double.compare(b.pm25MeanRaw(), a.pm25MeanRaw()));
        List<RankedArea> ranking = new ArrayList<>();
        for (int i = 0; i < withData.size(); i++) {
            RankedArea area = withData.get(i);
            ranking.add(new RankedArea(i + 1, area.area(), area.name(), area.pm25Mean(), area.pm25MeanRaw(), area.validDays(),
                    area.provisional()));
        }
        ranking.addAll(withoutData);
        return ranking;
    }
}
