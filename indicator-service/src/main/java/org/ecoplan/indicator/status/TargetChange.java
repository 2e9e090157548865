package org.ecoplan.indicator.status;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ecoplan.indicator.targets.Comparison;
import org.ecoplan.web.input.NotBlankWhenPresent;

/** The command to set a target by hand ({@link IndicatorService#setTarget}); validated at the resource. */
@Schema(name = "TargetChange", description = "Sets a target by hand (e.g. the city's requirement once known)")
public record TargetChange(
        @NotNull(message = "is required") @DecimalMin(value = "0", message = "must not be negative")
        @Digits(integer = TargetChange.INTEGER_DIGITS, fraction = TargetChange.FRACTION_DIGITS, message = TargetChange.DIGITS_MESSAGE)
        @Schema(example = "1250.5") BigDecimal value,
        @Size(max = 30) @NotBlankWhenPresent @Schema(example = "吨") String unit,
        @Schema(description = "defaults to the parsed one", example = "AT_LEAST") Comparison comparison) {

    // A target is stored as numeric(20, 6): more digits would overflow it, more decimals be rounded away.
    static final int INTEGER_DIGITS = 14;
    static final int FRACTION_DIGITS = 6;
    static final String DIGITS_MESSAGE = "must have at most 14 digits before and 6 after the decimal point / 数值位数超出范围";
}
