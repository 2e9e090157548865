package org.ecoplan.events.consumer.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "DeadLetterDiscard", description = "Why a dead letter is not to be applied")
public record DiscardRequest(
        @NotBlank(message = "is required") @Size(max = 2000, message = "must be at most 2000 characters")
        @Schema(required = true, example = "test record from the acceptance run / 验收测试数据") String reason) {
}
