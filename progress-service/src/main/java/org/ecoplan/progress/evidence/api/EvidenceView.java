package org.ecoplan.progress.evidence.api;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ecoplan.progress.evidence.Evidence;
import org.ecoplan.progress.evidence.EvidenceService;

@Schema(name = "Evidence", description = "A photo or document attached to a report")
public record EvidenceView(
        UUID id,
        UUID reportId,
        @Schema(example = "现场照片-1.jpg") String fileName,
        @Schema(description = "Detected from the content", example = "image/jpeg") String mediaType,
        @Schema(example = "482113") long sizeBytes,
        @Schema(description = "Hex SHA-256 of the content; also the download's ETag", example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") String sha256,
        @Schema(example = "reporter@ecoplan.test") String uploadedBy,
        Instant uploadedAt,
        @Schema(description = "The report's revision after the upload (its new ETag)", example = "2") long reportRevision) {

    public static EvidenceView of(EvidenceService.Attached attached) {
        Evidence evidence = attached.evidence();
        return new EvidenceView(evidence.id, evidence.reportId, evidence.fileName, evidence.mediaType,
                evidence.sizeBytes, evidence.sha256, evidence.uploadedBy, evidence.uploadedAt, attached.reportRevision());
    }
}
