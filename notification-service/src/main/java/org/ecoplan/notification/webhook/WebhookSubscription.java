package org.ecoplan.notification.webhook;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An integrator's subscription: which events, filtered how, to which URL, signed with which secret. */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String owner;

    @Column(nullable = false)
    public String url;

    public String description;

    /** Categories, comma separated: PROGRESS, INDICATOR, NOTIFICATION. */
    @Column(name = "event_types", nullable = false)
    public String eventTypes;

    @Column(name = "department_code")
    public String departmentCode;

    @Column(name = "plan_id")
    public String planId;

    /** Sealed by {@link SecretCipher}. */
    @Column(nullable = false)
    public String secret;

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "consecutive_failures", nullable = false)
    public int consecutiveFailures;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public Set<WebhookEvent.Category> categories() {
        return Arrays.stream(eventTypes.split(",")).filter(s -> !s.isBlank())
                .map(WebhookEvent.Category::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(WebhookEvent.Category.class)));
    }

    /** @param filterDepartments the codes {@link #departmentCode} stands for (a group's members); unused without one */
    public boolean wants(WebhookEvent event, Set<String> filterDepartments) {
        return categories().contains(event.category())
                && (departmentCode == null || event.departments().stream().anyMatch(filterDepartments::contains))
                && (planId == null || planId.equals(event.planId()));
    }
}
