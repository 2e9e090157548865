package org.ecoplan.notification.inbox.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ecoplan.notification.inbox.Audience;
import org.ecoplan.notification.inbox.Delivery;
import org.ecoplan.notification.inbox.InboxMessage;
import org.ecoplan.notification.inbox.InboxPreference;
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

        static MessageView of(InboxMessage m) {
            return new MessageView(m.id, m.box, m.owner, m.kind, m.rule, m.severity, m.subjectId, m.alertId, m.title, m.body,
                    m.businessDate, m.createdAt, m.readAt != null, m.readAt, m.readBy);
        }
    }

    @Schema(name = "UnreadCount")
    public record UnreadCount(Audience.Box box, @Schema(example = "ENV") String owner, long unread) {

        static List<UnreadCount> of(Map<Audience, Long> counts) {
            return counts.entrySet().stream().map(e -> new UnreadCount(e.getKey().box(), e.getKey().owner(), e.getValue())).toList();
        }
    }

    @Schema(name = "InboxPreference")
    public record PreferenceView(Audience.Box box, String owner, Delivery delivery) {

        static PreferenceView of(InboxPreference preference) {
            return new PreferenceView(preference.box, preference.owner, preference.delivery);
        }

        static List<PreferenceView> of(Map<Audience, Delivery> deliveries) {
            return deliveries.entrySet().stream().map(e -> new PreferenceView(e.getKey().box(), e.getKey().owner(), e.getValue())).toList();
        }
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
