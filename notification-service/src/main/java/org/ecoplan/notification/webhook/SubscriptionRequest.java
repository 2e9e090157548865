package org.ecoplan.notification.webhook;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ecoplan.web.input.NotBlankWhenPresent;

/** A subscription as an integrator asks for it ({@link WebhookService#create}); validated at the resource. */
@Schema(name = "WebhookSubscriptionRequest")
public record SubscriptionRequest(
        @NotNull(message = "is required") @NotBlankWhenPresent @Size(max = 2000, message = "must be at most 2000 characters")
        @Schema(example = "https://integrator.example.org/ecoplan/hooks") String url,
        @Size(max = 500, message = "must be at most 500 characters") @NotBlankWhenPresent @Schema(example = "区大数据平台") String description,
        @NotEmpty(message = "name at least one of PROGRESS, INDICATOR, NOTIFICATION")
        @Schema(example = "[\"PROGRESS\", \"NOTIFICATION\"]") List<WebhookEvent.@NotNull Category> eventTypes,
        @Size(max = 100) @NotBlankWhenPresent @Schema(nullable = true, description = "Only events concerning this department", example = "ENV") String departmentCode,
        @Size(max = 100) @NotBlankWhenPresent @Schema(nullable = true, description = "Only events of this plan (id)") String planId) {
}
