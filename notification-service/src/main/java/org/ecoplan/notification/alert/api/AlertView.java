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
        String title, String reason, @Schema(example = "[\"ENV\"]") List<String> departments, LocalDate businessDate,
        Instant raisedAt) {
}
