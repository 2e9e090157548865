package org.ecoplan.progress.episode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.ecoplan.progress.contract.EpisodeResponseSubmitted.Quantity;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A member unit's report of what it did on one day of a heavy-pollution episode (每日应对情况), as it stands now. */
@Entity
@Table(name = "episode_response")
public class EpisodeResponse extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "episode_id", nullable = false)
    public String episodeId;

    @Column(name = "department_code", nullable = false)
    public String departmentCode;

    @Column(name = "department_name", nullable = false)
    public String departmentName;

    @Column(nullable = false)
    public LocalDate day;

    /** The warning level when it was first filed. */
    @Column(nullable = false)
    public String level;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Quantity> quantities;

    @Column(nullable = false)
    public String narrative;

    @Column(nullable = false)
    public String reporter;

    @Column(name = "client_timestamp")
    public Instant clientTimestamp;

    @Column(name = "first_submitted_at", nullable = false)
    public Instant firstSubmittedAt;

    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;

    @Column(name = "evidence_count", nullable = false)
    public int evidenceCount;

    /** 1 when filed, +1 per correction or attached photo: the ETag. */
    @Column(nullable = false)
    public long revision;
}
