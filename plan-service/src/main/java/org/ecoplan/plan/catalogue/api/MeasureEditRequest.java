package org.ecoplan.plan.catalogue.api;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ecoplan.catalogue.contract.AssignmentRole;
import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.plan.catalogue.DeadlineKind;
import org.ecoplan.plan.catalogue.MeasureChange;
import org.ecoplan.web.input.NotBlankWhenPresent;
import org.ecoplan.web.problem.ProblemException;

/**
 * An administrator's edit of a measure. Fields left out stay as they are; {@code departments}, when given,
 * replaces all of the measure's departments.
 */
@Schema(name = "MeasureEdit", description = "Fields left out stay unchanged; departments replaces the whole list")
public record MeasureEditRequest(
        @Size(min = 1, max = 10000, message = "must be 1 to 10000 characters") @NotBlankWhenPresent
        @Schema(example = "推进货车新能源化……2026年注册登记货车新能源化率35%。") String text,
        @Valid DeadlineInput deadline,
        @Size(max = 100, message = "at most 100 departments") List<@Valid @NotNull AssignmentInput> departments,
        @Size(max = 2000, message = "at most 2000 characters") @NotBlankWhenPresent
        @Schema(example = "区政府2026年3月调整完成时限") String reason) {

    /**
     * Rules across fields, answered with the field they concern (Bean Validation would name a made-up
     * property instead).
     */
    public void checkConsistency() {
        if (text == null && deadline == null && departments == null) {
            throw ProblemException.invalidField("body", "give at least one of text, deadline, departments / 至少修改一项");
        }
        if (deadline != null && deadline.kind() != null) {
            // The catalogue contract's rule, which every replica applies too: dates in range, fitting the kind.
            deadline.asState().problem().ifPresent(problem -> {
                throw ProblemException.invalidField("deadline." + problem.field(), problem.message());
            });
        }
        if (departments != null) {
            for (int i = 0; i < departments.size(); i++) {
                AssignmentInput input = departments.get(i);
                if ((input.departmentCode() == null) == (input.groupCode() == null)) {
                    throw ProblemException.invalidField("departments[" + i + "]",
                            "give exactly one of departmentCode and groupCode / 部门与部门组只能填写一个");
                }
            }
        }
    }

    /** The edit as the catalogue's edit service takes it. */
    public MeasureChange toChange() {
        return new MeasureChange(text,
                deadline == null ? null : new MeasureChange.Deadline(deadline.kind(), deadline.start(), deadline.end(),
                        deadline.label()),
                departments == null ? null : departments.stream()
                        .map(d -> new MeasureChange.Assignment(d.role(), d.departmentCode(), d.groupCode())).toList(),
                reason);
    }

    @Schema(name = "DeadlineInput", description = "DATE needs end; WINDOW needs start and end (start <= end); ONGOING has no dates. Dates from 2000-01-01 to 2100-12-31.")
    public record DeadlineInput(
            @NotNull(message = "is required") @Schema(example = "DATE") DeadlineKind kind,
            @Schema(example = "2026-06-01") LocalDate start,
            @Schema(example = "2026-09-30") LocalDate end,
            @NotNull(message = "is required") @Size(min = 1, max = 64, message = "must be 1 to 64 characters")
            @NotBlankWhenPresent @Schema(example = "9月底前") String label) {

        MeasureState.Deadline asState() {
            return new MeasureState.Deadline(kind.name(), start, end, label);
        }
    }

    @Schema(name = "AssignmentInput", description = "Exactly one of departmentCode and groupCode, in a role")
    public record AssignmentInput(
            @NotNull(message = "is required") @Schema(example = "LEAD") AssignmentRole role,
            @Pattern(regexp = "[A-Z0-9-]{1,64}", message = "must be a department code such as ENV")
            @Schema(example = "ENV") String departmentCode,
            @Pattern(regexp = "[A-Z0-9-]{1,64}", message = "must be a group code")
            @Schema(example = "ALL-AREAS") String groupCode) {
    }
}
