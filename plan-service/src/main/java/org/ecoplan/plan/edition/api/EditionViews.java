package org.ecoplan.plan.edition.api;

import java.time.Instant;
import java.util.UUID;
import org.ecoplan.catalogue.contract.EditionStatus;
import org.ecoplan.plan.catalogue.PlanDocument;
import org.ecoplan.plan.edition.EditionAdoptionService;
import org.ecoplan.plan.edition.EditionChanges;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class EditionViews {

    private EditionViews() {
    }

    @Schema(name = "Edition", description = "One edition of a district's plan for a year, as imported")
    public record EditionView(UUID documentId, @Schema(example = "延庆区") String district,
            @Schema(example = "2026") int year, @Schema(example = "修订稿") String edition,
            @Schema(description = "CURRENT: the plan the district works to; CANDIDATE: loaded beside it, not published until adopted; SUPERSEDED: replaced by an adopted edition", example = "CANDIDATE") EditionStatus status,
            @Schema(example = "待采用") String statusName,
            @Schema(example = "DOCX") PlanDocument.SourceFormat format, @Schema(nullable = true) String sourceName, Instant importedAt,
            String importedBy, @Schema(nullable = true) Instant adoptedAt, @Schema(nullable = true) String adoptedBy,
            @Schema(nullable = true, description = "The adopted edition that replaced this one") UUID supersededBy) {

        static EditionView of(PlanDocument document) {
            return new EditionView(document.id, document.district, document.year, document.edition, document.status,
                    document.status.chineseName(), document.sourceFormat, document.sourceName, document.importedAt,
                    document.importedBy, document.adoptedAt, document.adoptedBy, document.supersededBy);
        }
    }

    @Schema(name = "EditionAdoption", description = "An adopted edition: what it replaced and what that changed")
    public record AdoptionView(UUID documentId, @Schema(nullable = true) UUID previousDocumentId, Instant adoptedAt, String adoptedBy,
            @Schema(description = "plan.edition-adopted.v1 notices published, one per department concerned", example = "18") int departmentsNotified,
            EditionChanges.Summary summary) {

        static AdoptionView of(EditionAdoptionService.Adopted adopted) {
            return new AdoptionView(adopted.adoption().documentId, adopted.adoption().previousDocumentId,
                    adopted.adoption().adoptedAt, adopted.adoption().adoptedBy, adopted.noticesPublished(),
                    adopted.changes().summary());
        }
    }
}
