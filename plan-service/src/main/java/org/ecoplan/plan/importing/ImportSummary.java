package org.ecoplan.plan.importing;

import java.util.List;
import org.ecoplan.catalogue.contract.EditionStatus;
import org.ecoplan.plan.catalogue.PlanDocument;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What an import loaded; kept with the import run (as JSON) so that a repeated import can answer with it.
 *
 * @param status the edition's status after the import: CURRENT for the first edition of a district and year,
 *               CANDIDATE for a later one (compare it and adopt it); null in runs recorded before editions existed
 * @param format the file the document came in; null in runs recorded before Word documents were read
 */
@Schema(name = "ImportSummary")
public record ImportSummary(@Schema(example = "延庆区") String district, @Schema(example = "2026") int year,
        @Schema(example = "征求意见稿") String edition, List<ImportedPlan> plans,
        @Schema(example = "22") int indicators,
        @Schema(description = "Departments the registry did not know, created with a generated code") List<String> departmentsCreated,
        @Schema(description = "CURRENT for the first edition of a district and year; CANDIDATE for a later one, to be compared and adopted", example = "CURRENT") EditionStatus status,
        @Schema(example = "DOCX") PlanDocument.SourceFormat format) {

    @Schema(name = "ImportedPlan")
    public record ImportedPlan(@Schema(example = "1") int attachment,
            @Schema(example = "持续污染防治攻坚2026年行动计划") String title,
            @Schema(example = "45") int tasks, @Schema(example = "120") int measures) {
    }
}
