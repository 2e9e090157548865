package org.ecoplan.notification.inbox.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ecoplan.notification.inbox.Audience;
import org.ecoplan.notification.inbox.Delivery;
import org.ecoplan.notification.inbox.MessageKind;
import org.ecoplan.web.input.NotBlankWhenPresent;

import com.fasterxml.jackson.annotation.JsonInclude;

/** REST bodies of the inbox API. */
public final class InboxViews {

    private InboxViews() {
    }

    @Schema(name = "InboxMessage")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MessageView(UUID id, Audience.Box box, @Schema(example = "ENV") String owner, MessageKind kind,
            @Schema(nullable = true, example = "OVERDUE") String rule, @Schema(nullable = true, example = "RED") String severity, @Schema(nullable = true) String subjectId,
            @Schema(nullable = true) UUID alertId, @Schema(example = "【红色督办】已逾期：…") String title, @Schema(nullable = true) String body, @Schema(nullable = true) LocalDate businessDate,
            Instant createdAt, boolean read, @Schema(nullable = true) Instant readAt, @Schema(nullable = true) String readBy) {
    }

    @Schema(name = "UnreadCount")
    public record UnreadCount(Audience.Box box, @Schema(example = "ENV") String owner, long unread) {
    }

    @Schema(name = "InboxPreference")
    public record PreferenceView(Audience.Box box, String owner, Delivery delivery) {
    }

    @Schema(name = "InboxPreferenceRequest")
    public record PreferenceRequest(
            @NotNull(message = "is required") @Schema(example = "DEPARTMENT") Audience.Box box,
            @NotBlankWhenPresent @Schema(description = "For DEPARTMENT and DEPARTMENT_HEAD: the department code (default: the caller's)", example = "ENV") String department,
            @NotNull(message = "is required") @Schema(example = "DAILY_DIGEST") Delivery delivery) {
    }

    @Schema(name = "MarkedRead")
    public record MarkedRead(@Schema(example = "12") int marked) {
    }
}
