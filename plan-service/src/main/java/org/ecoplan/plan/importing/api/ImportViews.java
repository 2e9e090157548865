package org.ecoplan.plan.importing.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.ecoplan.plan.importing.ImportRun;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class ImportViews {

    private ImportViews() {
    }

    @Schema(name = "ImportedPlan")
    public record ImportedPlan(@Schema(example = "1") int attachment,
            @Schema(example = "持续污染防治攻坚2026年行动计划") String title,
            @Schema(example = "45") int tasks, @Schema(example = "120") int measures) {
    }

    @Schema(name = "ImportSummary")
    public record ImportSummary(@Schema(example = "延庆区") String district, @Schema(example = "2026") int year,
            @Schema(example = "征求意见稿") String edition, List<ImportedPlan> plans,
            @Schema(example = "22") int indicators,
            @Schema(description = "Departments the registry did not know, created with a generated code") List<String> departmentsCreated) {
    }

    @Schema(name = "ImportWarning", description = "A value imported as written that deserves a look")
    public record ImportWarning(@Schema(example = "412") int line, @Schema(example = "unknown department 某某局") String message) {
    }

    @Schema(name = "ImportResult")
    public record ImportResult(UUID id, ImportRun.Outcome outcome, @Schema(nullable = true) UUID documentId, String checksum,
            ImportSummary summary, List<ImportWarning> warnings, Instant createdAt, String createdBy) {
    }
}
