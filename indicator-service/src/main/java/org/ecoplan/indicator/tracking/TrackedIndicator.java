package org.ecoplan.indicator.tracking;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.ecoplan.indicator.targets.Comparison;
import org.ecoplan.indicator.targets.Metric;
import org.ecoplan.indicator.targets.QuantityKind;
import org.ecoplan.indicator.targets.TargetState;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An indicator with its parsed target, as this service tracks it. */
@Entity
@Table(name = "tracked_indicator")
public class TrackedIndicator extends PanacheEntityBase {

    @Id
    public String id;

    @Enumerated(EnumType.STRING)
    public Origin origin;

    @Enumerated(EnumType.STRING)
    @Column(name = "review_state")
    public ReviewState reviewState;

    @Column(name = "catalogue_revision")
    public Long catalogueRevision;

    @Column(name = "measure_id")
    public String measureId;

    public String district;
    public int year;
    public Integer number;
    public String category;
    public String name;

    @Column(name = "target_text")
    public String targetText;

    @Enumerated(EnumType.STRING)
    @Column(name = "target_state")
    public TargetState targetState;

    @Column(name = "target_value")
    public BigDecimal targetValue;

    public String unit;

    @Enumerated(EnumType.STRING)
    public Comparison comparison;

    @Enumerated(EnumType.STRING)
    public QuantityKind kind;

    @Enumerated(EnumType.STRING)
    public Metric metric;

    @Column(name = "target_note")
    public String targetNote;

    /** Who set the target by hand; {@code null} while it is the parsed one. */
    @Column(name = "target_set_by")
    public String targetSetBy;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "lead_departments")
    public List<String> leadDepartments;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "cooperating_departments")
    public List<String> cooperatingDepartments;

    @Column(name = "reviewed_by")
    public String reviewedBy;

    public boolean removed;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The series its observations are recorded under: the daily metric for air quality, else its own id. */
    public String series() {
        return metric != null ? metric.name() : id;
    }

    /** Judged and published: confirmed, not removed. */
    public boolean isTracked() {
        return reviewState == ReviewState.CONFIRMED && !removed;
    }
}
