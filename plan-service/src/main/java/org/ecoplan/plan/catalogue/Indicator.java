package org.ecoplan.plan.catalogue;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ecoplan.catalogue.contract.Lifecycle;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of 附件4: a year-end indicator with its target text as the document states it. */
@Entity
@Table(name = "indicator")
public class Indicator extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "document_id")
    public PlanDocument document;

    @Column(nullable = false)
    public int number;

    @Column(nullable = false)
    public String category;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String target;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "raw_row", nullable = false)
    public String rawRow;

    @Column(name = "source_line")
    public Integer sourceLine;

    @Column(nullable = false)
    public long revision;

    /** CLOSED once an adopted edition dropped it: kept, with its id and history, but no longer tracked. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Lifecycle status = Lifecycle.OPEN;

    @Column(name = "closed_at")
    public Instant closedAt;

    @OneToMany(mappedBy = "indicator", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<IndicatorAssignment> assignments = new ArrayList<>();
}
