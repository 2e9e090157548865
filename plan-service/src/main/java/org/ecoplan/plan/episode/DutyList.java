package org.ecoplan.plan.episode;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A version of the district's duty list (应急减排清单); each import makes the next version, whole. */
@Entity
@Table(name = "duty_list")
public class DutyList extends PanacheEntityBase {

    @Id
    public int version;

    /** True for the example list shipped for the seed district: not the district's adopted list. */
    @Column(nullable = false)
    public boolean example;

    public String source;

    @Column(name = "imported_at", nullable = false)
    public Instant importedAt;

    @Column(name = "imported_by", nullable = false)
    public String importedBy;
}
