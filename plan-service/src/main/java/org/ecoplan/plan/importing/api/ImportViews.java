package org.ecoplan.plan.importing.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.ecoplan.plan.importing.ImportRun;
import org.ecoplan.plan.importing.ImportSummary;
import org.ecoplan.plan.importing.PlanImportService.ImportRecord;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class ImportViews {

    private ImportViews() {
    }

    @Schema(name = "ImportWarning", description = "A value imported as written that deserves a look")
    public record ImportWarning(
            @Schema(description = "Line of a text export; a Word document's reader numbers paragraphs and cells", example = "412") int line,
            @Schema(description = "Where to find it: `line 412` in a text export, `附件1 table 1 row 12 column 5 (牵头部门)` in a Word document", example = "附件1 table 1 row 12 column 5 (牵头部门)") String location,
            @Schema(example = "Department '某某局' is not in the registry; imported as written") String message) {
    }

    @Schema(name = "ImportResult")
    public record ImportResult(UUID id, ImportRun.Outcome outcome, @Schema(nullable = true) UUID documentId, String checksum,
            ImportSummary summary, List<ImportWarning> warnings, Instant createdAt, String createdBy) {

        static ImportResult of(ImportRecord record) {
            return new ImportResult(record.id(), record.outcome(), record.documentId(), record.checksum(),
                    record.summary(), record.warnings().stream()
                            .map(p -> new ImportWarning(p.line(), p.location() == null ? "line " + p.line() : p.location(),
                                    p.message()))
                            .toList(),
                    record.createdAt(), record.createdBy());
        }
    }
}
