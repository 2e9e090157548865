package org.ecoplan.indicator.status;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.ecoplan.indicator.contract.IndicatorStatus;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The latest published judgement of one indicator. */
@Entity
@Table(name = "indicator_judgement")
public class IndicatorJudgement extends PanacheEntityBase {

    @Id
    @Column(name = "indicator_id")
    public String indicatorId;

    /** Grows with every published change. */
    public long sequence;

    @Enumerated(EnumType.STRING)
    public IndicatorStatus status;

    @Column(name = "value_so_far")
    public BigDecimal valueSoFar;

    @Column(name = "projected_value")
    public BigDecimal projectedValue;

    @Column(name = "required_for_rest")
    public BigDecimal requiredForRest;

    @Column(name = "required_text")
    public String requiredText;

    public boolean provisional;

    public String method;

    @Column(name = "evaluated_at")
    public Instant evaluatedAt;

    boolean sameAs(Judgement judgement) {
        return status == judgement.status() && same(valueSoFar, judgement.valueSoFar())
                && same(projectedValue, judgement.projectedValue()) && same(requiredForRest, judgement.requiredForRest())
                && provisional == judgement.provisional();
    }

    private static boolean same(BigDecimal stored, BigDecimal computed) {
        return stored == null ? computed == null : computed != null && stored.compareTo(computed) == 0;
    }
}
