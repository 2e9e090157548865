package org.ecoplan.indicator.observation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A value of one series (an indicator id or a daily metric) for one area and period. A correction adds a
 * new current row and keeps this one as history ({@code current = false}).
 */
@Entity
@Table(name = "observation")
public class Observation extends PanacheEntityBase {

    @Id
    public UUID id;

    public String series;
    public String area;

    @Enumerated(EnumType.STRING)
    @Column(name = "period_type")
    public PeriodType periodType;

    @Column(name = "period_start")
    public LocalDate periodStart;

    public BigDecimal value;

    /** Counts for statistics (HJ 663: a daily mean needs ≥ 20 hourly values). */
    public boolean valid;

    /** Hourly values behind a daily mean, when the source says. */
    public Integer hours;

    public String source;

    /** E.g. the progress report the value came from. */
    @Column(name = "source_ref")
    public String sourceRef;

    @Column(name = "entered_at")
    public Instant enteredAt;

    @Column(name = "entered_by")
    public String enteredBy;

    public boolean current;

    @Column(name = "superseded_at")
    public Instant supersededAt;

    public ObservationKey key() {
        return new ObservationKey(series, area, periodType, periodStart);
    }

    /** What identifies one period's value of one series in one area. */
    public record ObservationKey(String series, String area, PeriodType periodType, LocalDate periodStart) {
    }
}
