package org.ecoplan.progress.evidence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A photo or document attached to a report or a daily episode response; its bytes are in {@link EvidenceContent}. */
@Entity
@Table(name = "evidence")
public class Evidence extends PanacheEntityBase {

    @Id
    public UUID id;

    /** The report it is attached to; null for a daily episode response's file. */
    @Column(name = "report_id")
    public UUID reportId;

    /** The daily episode response it is attached to; null for a report's file. */
    @Column(name = "episode_response_id")
    public UUID episodeResponseId;

    @Column(name = "file_name", nullable = false)
    public String fileName;

    /** As detected from the content, not as the client declared it. */
    @Column(name = "media_type", nullable = false)
    public String mediaType;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    /** Hex SHA-256 of the content: the download's ETag, and what a client compares after upload. */
    @Column(nullable = false)
    public String sha256;

    @Column(name = "uploaded_by", nullable = false)
    public String uploadedBy;

    @Column(name = "uploaded_at", nullable = false)
    public Instant uploadedAt;
}
