package org.ecoplan.notification.alert.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.ecoplan.notification.alert.AlertRule;
import org.ecoplan.notification.alert.Severity;
import org.ecoplan.notification.alert.SubjectType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Alert", description = "An alert as raised, once per rule, subject and period")
public record AlertView(UUID id, @Schema(example = "OVERDUE") AlertRule rule, @Schema(example = "RED") Severity severity,
        SubjectType subjectType, String subjectId, @Schema(example = "due@2026-06-30") String period, @Schema(nullable = true) String planId,
        String title, String reason,
        @Schema(description = "Codes of the departments addressed (for machines and filters)", example = "[\"WATER\"]") List<String> departments,
        @Schema(description = "The same departments with their Chinese names, in the same order") List<NamedDepartment> namedDepartments,
        LocalDate businessDate, Instant raisedAt) {

    @Schema(name = "NamedDepartment", description = "A department (or group) code with its Chinese name")
    public record NamedDepartment(@Schema(example = "WATER") String code,
            @Schema(description = "The code itself while the catalogue does not know it", example = "区水务局") String name) {
    }
}
