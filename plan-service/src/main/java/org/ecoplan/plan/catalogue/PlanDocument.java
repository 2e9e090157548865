package org.ecoplan.plan.catalogue;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One imported document: a district's plans of one year in one edition. (district, year, edition) is its identity. */
@Entity
@Table(name = "plan_document")
public class PlanDocument extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String district;

    @Column(nullable = false)
    public int year;

    @Column(nullable = false)
    public String edition;

    /** SHA-256 of the document text: the same document imported again is recognised and loads nothing. */
    @Column(nullable = false)
    public String checksum;

    @Column(name = "source_name")
    public String sourceName;

    @Column(name = "imported_at", nullable = false)
    public Instant importedAt;

    @Column(name = "imported_by", nullable = false)
    public String importedBy;

    @Column(nullable = false)
    public long revision;
}
