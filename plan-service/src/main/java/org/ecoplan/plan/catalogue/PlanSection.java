package org.ecoplan.plan.catalogue;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.UUID;

/** A section (level 1, 一、…) or subsection (level 2, （一）…) of a plan. */
@Entity
@Table(name = "plan_section")
public class PlanSection extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "plan_id")
    public Plan plan;

    /** The section a subsection belongs to; null for a section. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "parent_id")
    public PlanSection parent;

    @Column(nullable = false)
    public int level;

    @Column(nullable = false)
    public String label;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public int position;

    @Column(name = "source_line")
    public Integer sourceLine;

    @Column(nullable = false)
    public long revision;
}
