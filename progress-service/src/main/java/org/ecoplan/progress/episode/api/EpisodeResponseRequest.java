package org.ecoplan.progress.episode.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ecoplan.progress.contract.EpisodeResponseSubmitted.Quantity;
import org.ecoplan.progress.contract.StorableValue;
import org.ecoplan.progress.episode.EpisodeResponseService.Filing;
import org.ecoplan.web.input.NotBlankWhenPresent;

/** A member unit's daily response as a phone files it (POST) or corrects it (PUT: unit and day must stay). */
@Schema(name = "EpisodeResponseRequest", description = "What a member unit did on one day of a heavy-pollution episode: the quantities its duties ask for, and a narrative")
public record EpisodeResponseRequest(
        @Size(max = 64, message = "must be at most 64 characters") @NotBlankWhenPresent
        @Schema(nullable = true, description = "The reporting unit; absent for the caller's own department (a reporter reports only for it)", example = "HOUSING")
        String departmentCode,
        @NotNull(message = "is required")
        @Schema(description = "The day of the episode reported on (business date, Asia/Shanghai)", example = "2026-12-03") LocalDate day,
        @Size(max = 50, message = "at most 50 quantities") List<@Valid @NotNull(message = "must not be null") QuantityInput> quantities,
        @Size(max = NARRATIVE_MAX_LENGTH, message = "must be at most " + NARRATIVE_MAX_LENGTH + " characters")
        @Schema(nullable = true, example = "出动检查人员42人次，检查工地35个，其中停工28个。") String narrative,
        @Schema(nullable = true, description = "When the phone recorded the response; kept beside the server time", example = "2026-12-03T18:40:00+08:00")
        Instant clientTimestamp) {

    public static final int NARRATIVE_MAX_LENGTH = 4000;

    Filing toFiling() {
        return new Filing(departmentCode == null ? null : departmentCode.strip(), day,
                quantities == null ? List.of() : quantities.stream().map(QuantityInput::toQuantity).toList(), narrative,
                clientTimestamp);
    }

    @Schema(name = "EpisodeQuantityInput", description = "A quantity the unit's duties ask it to report (a report item of the duty list)")
    public record QuantityInput(
            @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
            @Schema(example = "停工工地数") String name,
            @NotNull(message = "is required") @DecimalMin(value = "0", message = "must be 0 or more") @StorableValue
            @Schema(example = "28") BigDecimal value) {

        Quantity toQuantity() {
            return new Quantity(name.strip(), value);
        }
    }
}
