package org.ecoplan.indicator.observation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class ObservationRepository implements PanacheRepositoryBase<Observation, java.util.UUID> {

    /** Current values of some series between two dates (inclusive), all areas. */
    public List<Observation> current(Collection<String> series, LocalDate from, LocalDate to) {
        return list("current = true and series in :series and periodStart between :from and :to",
                Parameters.with("series", series).and("from", from).and("to", to));
    }

    /** Daily values of a metric for one area in one year, oldest first (served by observation_current). */
    public List<DailyValue> daily(String series, String area, int year) {
        return getEntityManager().createQuery("""
                select o.periodStart, o.value, o.valid from Observation o
                where o.current = true and o.series = :series and o.area = :area and o.periodType = :type
                  and o.periodStart between :from and :to order by o.periodStart""", Object[].class)
                .setParameter("series", series).setParameter("area", area).setParameter("type", PeriodType.DAY)
                .setParameter("from", LocalDate.of(year, 1, 1)).setParameter("to", LocalDate.of(year, 12, 31))
                .getResultStream()
                .map(row -> new DailyValue((LocalDate) row[0], ((java.math.BigDecimal) row[1]).doubleValue(), (Boolean) row[2]))
                .toList();
    }

    /**
     * Daily values of a metric for every area in one year, each area's oldest first: one query (served by
     * observation_by_period) instead of one per area.
     */
    public Map<String, List<DailyValue>> dailyByArea(String series, int year) {
        Map<String, List<DailyValue>> byArea = new HashMap<>();
        getEntityManager().createQuery("""
                select o.area, o.periodStart, o.value, o.valid from Observation o
                where o.current = true and o.series = :series and o.periodType = :type
                  and o.periodStart between :from and :to order by o.periodStart""", Object[].class)
                .setParameter("series", series).setParameter("type", PeriodType.DAY)
                .setParameter("from", LocalDate.of(year, 1, 1)).setParameter("to", LocalDate.of(year, 12, 31))
                .getResultStream()
                .forEach(row -> byArea.computeIfAbsent((String) row[0], area -> new ArrayList<>()).add(new DailyValue(
                        (LocalDate) row[1], ((java.math.BigDecimal) row[2]).doubleValue(), (Boolean) row[3])));
        return byArea;
    }

    /** Current values of one series in one area, any period type, in one year. */
    public List<Observation> ofYear(String series, String area, int year) {
        return list("current = true and series = ?1 and area = ?2 and periodStart between ?3 and ?4 order by periodStart",
                series, area, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }

    /**
     * Every daily value ever entered (current and superseded) of some series for some areas between two dates
     * (inclusive), oldest first.
     */
    public List<Observation> dailyHistory(Collection<String> series, Collection<String> areas, LocalDate from, LocalDate to) {
        return list("series in :series and area in :areas and periodType = :type and periodStart between :from and :to"
                + " order by enteredAt", Parameters.with("series", series).and("areas", areas).and("type", PeriodType.DAY)
                        .and("from", from).and("to", to));
    }

    /** Every value ever entered for one period, oldest first: the correction history. */
    public List<Observation> history(String series, String area, PeriodType type, LocalDate start) {
        return list("series = ?1 and area = ?2 and periodType = ?3 and periodStart = ?4 order by enteredAt, current",
                series, area, type, start);
    }

    /**
     * Per area, the mean and the number of the current valid daily values of {@code series} from {@code from} to
     * {@code to} (inclusive); areas without one are absent. An aggregate over a year of rows per area: SQL.
     */
    public Map<String, AreaMean> dailyMeanByArea(String series, LocalDate from, LocalDate to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                select area, avg(value), count(*) from observation
                where series = ?1 and period_type = 'DAY' and current and valid and period_start between ?2 and ?3
                group by area""").setParameter(1, series).setParameter(2, from).setParameter(3, to).getResultList();
        Map<String, AreaMean> byArea = new HashMap<>();
        rows.forEach(row -> byArea.put((String) row[0], new AreaMean(((BigDecimal) row[1]).doubleValue(), ((Number) row[2]).intValue())));
        return byArea;
    }

    /** @param days how many daily values the mean is of */
    public record AreaMean(double mean, int days) {
    }
}
