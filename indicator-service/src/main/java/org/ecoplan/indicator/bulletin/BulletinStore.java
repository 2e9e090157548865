package org.ecoplan.indicator.bulletin;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.ecoplan.indicator.targets.Metric;

/**
 * What the bulletin reads and writes in SQL, in the caller's transaction: the publication rows (published once per
 * district and month by the insert itself, ON CONFLICT DO NOTHING, so two replicas never both publish), the lead
 * departments of plans from the overview's index, and the month-by-month air-quality aggregates over the daily values.
 */
@ApplicationScoped
class BulletinStore {

    private final EntityManager entityManager;

    BulletinStore(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Records the month's bulletin of the district as published; @return false if it was already. */
    boolean recordPublication(String district, YearMonth month, Instant at) {
        int inserted = entityManager.createNativeQuery("""
                insert into bulletin_publication (district, month, published_at) values (?1, ?2, ?3)
                on conflict do nothing""").setParameter(1, district).setParameter(2, month.toString())
                .setParameter(3, at).executeUpdate();
        return inserted == 1;
    }

    /** Departments that lead or are responsible for a measure of the plans, named directly or as a group's members. */
    List<String> leadDepartments(List<String> planIds) {
        if (planIds.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<String> codes = entityManager.createNativeQuery("""
                select distinct a.party_code from overview_assignment a join overview_measure m on m.measure_id = a.measure_id
                where m.plan_id in (?1) and a.role in ('LEAD', 'RESPONSIBLE') and a.party_kind in ('DEPARTMENT', 'MEMBER')
                order by 1""").setParameter(1, planIds).getResultList();
        return List.copyOf(codes);
    }

    /** When a daily PM2.5 or AQI value of the area from {@code from} to {@code to} was last entered after {@code after}. */
    Instant lastDailyValueEnteredAfter(String area, LocalDate from, LocalDate to, Instant after) {
        Object latest = entityManager.createNativeQuery("""
                select max(entered_at) from observation
                where area = ?1 and period_type = 'DAY' and series in (?2, ?3) and period_start between ?4 and ?5
                  and entered_at > ?6""")
                .setParameter(1, area).setParameter(2, Metric.PM25_DAILY.name()).setParameter(3, Metric.AQI_DAILY.name())
                .setParameter(4, from).setParameter(5, to).setParameter(6, after)
                .getSingleResult();
        if (latest instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return latest instanceof Instant instant ? instant : latest == null ? null : Instant.parse(latest.toString());
    }

    /** Per month from {@code from} to {@code to}, in order, the area's current valid daily PM2.5 and AQI values summed up. */
    List<MonthOfAir> monthsOfAir(String area, LocalDate from, LocalDate to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select extract(year from period_start)::int, extract(month from period_start)::int,
                       avg(value) filter (where series = ?2), count(*) filter (where series = ?2),
                       count(*) filter (where series = ?3 and value <= 100), count(*) filter (where series = ?3 and value > 200),
                       count(*) filter (where series = ?3)
                from observation
                where area = ?1 and period_type = 'DAY' and current and valid and series in (?2, ?3)
                  and period_start between ?4 and ?5
                group by 1, 2 order by 1, 2""")
                .setParameter(1, area).setParameter(2, Metric.PM25_DAILY.name()).setParameter(3, Metric.AQI_DAILY.name())
                .setParameter(4, from).setParameter(5, to)
                .getResultList();
        List<MonthOfAir> months = new ArrayList<>();
        for (Object[] row : rows) {
            months.add(new MonthOfAir(((Number) row[0]).intValue(), ((Number) row[1]).intValue(), (BigDecimal) row[2],
                    ((Number) row[3]).intValue(), ((Number) row[4]).intValue(), ((Number) row[5]).intValue(),
                    ((Number) row[6]).intValue()));
        }
        return months;
    }

    /**
     * @param pm25Mean      null without a PM2.5 value
     * @param goodDays      AQI ≤ 100
     * @param heavyDays     AQI > 200
     */
    record MonthOfAir(int year, int month, BigDecimal pm25Mean, int pm25Days, int goodDays, int heavyDays, int aqiDays) {
    }
}
