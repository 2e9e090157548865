package org.ecoplan.plan.importing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One accepted import request: what it loaded (or that it loaded nothing, the document being known already). */
@Entity
@Table(name = "import_run")
public class ImportRun extends PanacheEntityBase {

    public enum Outcome {
        /** The document was new and is now in the catalogue. */
        IMPORTED,
        /** The same document (same checksum) was imported before; nothing was loaded twice. */
        UNCHANGED
    }

    @Id
    public UUID id;

    @Column(name = "document_id")
    public UUID documentId;

    @Column(nullable = false)
    public String checksum;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Outcome outcome;

    @Column(name = "source_name")
    public String sourceName;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String problems;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String summary;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;
}
