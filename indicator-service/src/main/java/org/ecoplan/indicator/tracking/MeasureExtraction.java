package org.ecoplan.indicator.tracking;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** What the extractor found in one measure text and which per-cent figures it could not read. */
@Entity
@Table(name = "measure_extraction")
public class MeasureExtraction extends PanacheEntityBase {

    @Id
    @Column(name = "measure_id")
    public String measureId;

    @Column(name = "measure_revision")
    public long measureRevision;

    public int found;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> unread;

    @Column(name = "extracted_at")
    public Instant extractedAt;
}
