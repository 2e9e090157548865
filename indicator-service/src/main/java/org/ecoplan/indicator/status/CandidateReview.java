package org.ecoplan.indicator.status;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ecoplan.indicator.targets.Comparison;
import org.ecoplan.web.input.NotBlankWhenPresent;

/** The corrections an administrator may make when confirming an extracted target ({@link IndicatorService#confirm}). */
@Schema(name = "CandidateReview", description = "Optional corrections when confirming an extracted target")
public record CandidateReview(@Size(max = 500) @NotBlankWhenPresent @Schema(example = "城市道路机械化作业率") String name,
        @DecimalMin(value = "0", message = "must not be negative")
        @Digits(integer = TargetChange.INTEGER_DIGITS, fraction = TargetChange.FRACTION_DIGITS, message = TargetChange.DIGITS_MESSAGE)
        @Schema(example = "97.5") BigDecimal value,
        @Size(max = 30) @NotBlankWhenPresent @Schema(example = "%") String unit,
        @Schema(example = "AT_LEAST") Comparison comparison) {
}
