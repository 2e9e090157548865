package org.ecoplan.indicator.rollup;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import org.ecoplan.indicator.contract.ScopeType;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The last published delivery figures of one scope. */
@Entity
@Table(name = "rollup")
public class Rollup extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Column(name = "scope_name")
    public String scopeName;

    public long sequence;
    public int measures;
    public int completed;

    @Column(name = "on_track")
    public int onTrack;

    @Column(name = "at_risk")
    public int atRisk;

    public int overdue;

    @Column(name = "behind_pace")
    public int behindPace;

    @Column(name = "not_due")
    public int notDue;

    @Column(name = "completed_on_time")
    public int completedOnTime;

    @Column(name = "completed_late")
    public int completedLate;

    @Column(name = "not_assessed")
    public int notAssessed;

    public int unknown;

    @Column(name = "not_reported_this_period")
    public int notReportedThisPeriod;

    @Column(name = "on_time_completion_rate")
    public BigDecimal onTimeCompletionRate;

    /** The reporting period the figures are for ({@code 2026-05}). */
    public String period;

    @Column(name = "changed_at")
    public Instant changedAt;

    @Embeddable
    public static class Key implements Serializable {

        @Enumerated(EnumType.STRING)
        @Column(name = "scope_type")
        public ScopeType scopeType;

        @Column(name = "scope_id")
        public String scopeId;

        public Key() {
        }

        public Key(ScopeType scopeType, String scopeId) {
            this.scopeType = scopeType;
            this.scopeId = scopeId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.scopeType == scopeType && Objects.equals(key.scopeId, scopeId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(scopeType, scopeId);
        }
    }

    /** The per-state counts as stored. */
    public StateCounts counts() {
        return new StateCounts(notDue, onTrack, behindPace, atRisk, overdue, completedOnTime, completedLate, unknown,
                notAssessed);
    }

    boolean sameFigures(RollupFigures figures) {
        return measures == figures.measures() && counts().equals(figures.counts())
                && notReportedThisPeriod == figures.notReportedThisPeriod() && Objects.equals(period, figures.period())
                && (onTimeCompletionRate == null ? figures.onTimeCompletionRate() == null
                        : figures.onTimeCompletionRate() != null
                                && onTimeCompletionRate.compareTo(figures.onTimeCompletionRate()) == 0);
    }

    void setFigures(RollupFigures figures) {
        StateCounts counts = figures.counts();
        measures = counts.measures();
        completed = counts.completed();
        onTrack = counts.onTrack();
        atRisk = counts.atRisk();
        overdue = counts.overdue();
        behindPace = counts.behindPace();
        notDue = counts.notDue();
        completedOnTime = counts.completedOnTime();
        completedLate = counts.completedLate();
        notAssessed = counts.notAssessed();
        unknown = counts.unknown();
        notReportedThisPeriod = figures.notReportedThisPeriod();
        onTimeCompletionRate = figures.onTimeCompletionRate();
        period = figures.period();
    }
}
