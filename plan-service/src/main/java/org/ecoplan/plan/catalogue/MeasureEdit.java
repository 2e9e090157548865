package org.ecoplan.plan.catalogue;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One administrator edit of a measure: who, when, why, and the measure before and after. */
@Entity
@Table(name = "measure_edit")
public class MeasureEdit extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "measure_id", nullable = false)
    public UUID measureId;

    /** The measure's revision after this edit. */
    @Column(nullable = false)
    public long revision;

    @Column(name = "edited_at", nullable = false)
    public Instant editedAt;

    @Column(name = "edited_by", nullable = false)
    public String editedBy;

    public String reason;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String before;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String after;
}
