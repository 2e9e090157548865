package org.ecoplan.progress.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ecoplan.progress.contract.MeasuredValue;
import org.ecoplan.progress.contract.ReportStatus;
import org.ecoplan.progress.contract.StorableValue;
import org.ecoplan.web.input.NotBlankWhenPresent;
import org.ecoplan.web.problem.ProblemException;

/**
 * A report as a client files it (POST) or replaces its content (PUT, where measureId, kind and period must
 * stay what they are).
 */
@Schema(name = "ReportRequest", description = "A progress report. COMPLETED requires percentComplete 100; MONTHLY requires period, AD_HOC has none.")
public record ReportRequest(
        @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
        @Schema(example = "3822e92d-0107-4565-8db8-cfdaf9d062a9") String measureId,
        @Schema(description = "MONTHLY (default) or AD_HOC", example = "MONTHLY") ReportKind kind,
        @Pattern(regexp = "\\d{4}-(0[1-9]|1[0-2])", message = "must be a month like 2026-05")
        @Schema(description = "YYYY-MM for MONTHLY, absent for AD_HOC", example = "2026-05") String period,
        @NotNull(message = "is required") @Schema(example = "ON_TRACK") ReportStatus status,
        @NotNull(message = "is required") @Min(value = 0, message = "must be 0 to 100") @Max(value = 100, message = "must be 0 to 100")
        @Schema(example = "40") Integer percentComplete,
        @Size(max = NARRATIVE_MAX_LENGTH, message = "must be at most " + NARRATIVE_MAX_LENGTH + " characters")
        @Schema(example = "已完成12家重点企业VOCs治理设施升级改造，其余企业正在施工。") String narrative,
        @Size(max = 50, message = "at most 50 values") List<@Valid @NotNull(message = "must not be null") MeasuredValueInput> measuredValues,
        @Schema(description = "When the client (phone) recorded the report; kept beside the server time", example = "2026-05-28T09:15:00+08:00")
        Instant clientTimestamp,
        @Schema(description = "Submit at once instead of keeping a draft", example = "true") boolean submit) {

    public static final int NARRATIVE_MAX_LENGTH = 4000;

    public ReportKind kindOrDefault() {
        return kind == null ? ReportKind.MONTHLY : kind;
    }

    /** Rules across fields, answered with the field they concern. */
    public void checkConsistency() {
        if (kindOrDefault() == ReportKind.MONTHLY && period == null) {
            throw ProblemException.invalidField("period", "is required for a MONTHLY report / 月报须填写报告期");
        }
        if (kindOrDefault() == ReportKind.AD_HOC && period != null) {
            throw ProblemException.invalidField("period", "must be absent for an AD_HOC report / 临时报告不填报告期");
        }
        if (status == ReportStatus.COMPLETED && percentComplete != null && percentComplete != 100) {
            throw ProblemException.invalidField("percentComplete",
                    "must be 100 when status is COMPLETED / 状态为已完成时完成比例须为100");
        }
    }

    public List<MeasuredValue> measuredValuesOrEmpty() {
        return measuredValues == null ? List.of() : measuredValues.stream().map(MeasuredValueInput::toValue).toList();
    }

    public String narrativeOrEmpty() {
        return narrative == null ? "" : narrative.strip();
    }

    @Schema(name = "MeasuredValueInput", description = "A value for a quantified target of the measure")
    public record MeasuredValueInput(
            @NotBlank(message = "is required") @NotBlankWhenPresent @Size(max = 200, message = "must be at most 200 characters")
            @Schema(example = "城市道路机械化作业率") String name,
            @NotNull(message = "is required") @StorableValue
            @Schema(example = "97.6", description = "At most 14 digits before and 6 after the decimal point: what every consumer stores")
            BigDecimal value,
            @NotBlank(message = "is required") @NotBlankWhenPresent @Size(max = 32, message = "must be at most 32 characters")
            @Schema(example = "%") String unit,
            @Size(max = 64, message = "must be at most 64 characters") @NotBlankWhenPresent
            @Schema(description = "A subdistrict or town; absent (not blank) for the whole district", example = "百泉街道") String area) {

        MeasuredValue toValue() {
            return new MeasuredValue(name.strip(), value, unit.strip(), area == null ? null : area.strip());
        }
    }
}
