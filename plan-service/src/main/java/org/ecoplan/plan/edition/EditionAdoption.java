package org.ecoplan.plan.edition;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One adoption: which edition replaced which, when, by whom, and the counts of what it changed. */
@Entity
@Table(name = "edition_adoption")
public class EditionAdoption {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String district;

    @Column(nullable = false)
    public int year;

    @Column(name = "document_id", nullable = false)
    public UUID documentId;

    @Column(name = "previous_document_id", nullable = false)
    public UUID previousDocumentId;

    @Column(name = "adopted_at", nullable = false)
    public Instant adoptedAt;

    @Column(name = "adopted_by", nullable = false)
    public String adoptedBy;

    /** The comparison's {@link EditionChanges.Summary} as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String summary;
}
