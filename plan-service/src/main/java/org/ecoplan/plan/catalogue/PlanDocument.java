package org.ecoplan.plan.catalogue;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.ecoplan.catalogue.contract.EditionStatus;

/**
 * One imported document: a district's plans of one year in one edition. (district, year, edition) is its identity.
 * One edition per district and year is {@link EditionStatus#CURRENT}; later ones are candidates until adopted.
 */
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

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EditionStatus status = EditionStatus.CURRENT;

    /** SHA-256 of the tables' content whatever the file format (see the importer); null for older imports. */
    @Column(name = "content_checksum")
    public String contentChecksum;

    @Enumerated(EnumType.STRING)
    @Column(name = "source_format", nullable = false)
    public SourceFormat sourceFormat = SourceFormat.TEXT;

    /** The adopted edition that replaced this one; null unless {@link EditionStatus#SUPERSEDED}. */
    @Column(name = "superseded_by")
    public UUID supersededBy;

    @Column(name = "adopted_at")
    public Instant adoptedAt;

    @Column(name = "adopted_by")
    public String adoptedBy;

    /** Its entities are published (current or superseded editions); a candidate's stay here until adopted. */
    public boolean isPublished() {
        return status != EditionStatus.CANDIDATE;
    }

    /** The file the document was imported from. */
    public enum SourceFormat {
        /** The text export of the Word tables (the seed's format). */
        TEXT,
        /** The Word document itself. */
        DOCX
    }
}
