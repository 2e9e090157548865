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

/** A key task (重点任务), numbered within its plan. */
@Entity
@Table(name = "key_task")
public class KeyTask extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "plan_id")
    public Plan plan;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "section_id")
    public PlanSection section;

    @Column(nullable = false)
    public int number;

    @Column(nullable = false)
    public String name;

    @Column(name = "source_line")
    public Integer sourceLine;

    @Column(nullable = false)
    public long revision;
}
