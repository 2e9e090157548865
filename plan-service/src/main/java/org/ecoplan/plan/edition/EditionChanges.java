package org.ecoplan.plan.edition;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.ecoplan.catalogue.contract.EditionStatus;
import org.ecoplan.plan.catalogue.DeadlineKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What changed from one edition of a district's plan to another (征求意见稿 → 修订稿). Measures, tasks and indicators
 * are matched by content, not by position (see {@link EditionComparer}): a measure that moved within its task or
 * to another task is MOVED, not removed and added; a measure whose text, deadline or departments changed is
 * CHANGED (and {@code moved} when it also moved). Continuing measures without any change are only counted.
 */
@Schema(name = "EditionChanges", description = "The difference between two editions of a district's plan for one year")
public record EditionChanges(EditionRef from, EditionRef to, Summary summary, List<TaskChange> tasks,
        List<MeasureChange> measures, List<IndicatorChange> indicators) {

    @Schema(name = "EditionRef")
    public record EditionRef(UUID documentId, @Schema(example = "延庆区") String district,
            @Schema(example = "2026") int year, @Schema(example = "修订稿") String edition,
            @Schema(example = "CANDIDATE") EditionStatus status) {
    }

    @Schema(name = "EditionChangeSummary", description = "Counts; a changed measure that also moved counts in both measuresChanged and measuresMoved")
    public record Summary(
            @Schema(description = "Measures matched in both editions (they keep their id on adoption)", example = "211") int measuresContinuing,
            @Schema(example = "204") int measuresUnchanged,
            @Schema(description = "Text, deadline or departments changed", example = "5") int measuresChanged,
            @Schema(description = "Moved to another task, or to another place within its task", example = "2") int measuresMoved,
            @Schema(example = "1") int measuresAdded,
            @Schema(description = "Dropped: closed on adoption, not deleted", example = "1") int measuresRemoved,
            @Schema(example = "0") int tasksAdded,
            @Schema(example = "0") int tasksRemoved,
            @Schema(example = "0") int tasksRenamed,
            @Schema(description = "Continuing tasks whose number changed (e.g. after an inserted task)", example = "0") int tasksRenumbered,
            @Schema(example = "1") int indicatorsChanged,
            @Schema(example = "0") int indicatorsAdded,
            @Schema(example = "0") int indicatorsRemoved) {
    }

    public enum Change {
        ADDED, REMOVED, CHANGED, MOVED, RENAMED
    }

    @Schema(name = "EditionTaskRef")
    public record TaskRef(UUID id, @Schema(example = "1") int attachment, @Schema(example = "3") int number,
            @Schema(example = "推动机动车结构优化升级") String name) {
    }

    @Schema(name = "EditionTaskChange", description = "A key task added, removed or renamed (RENAMED: matched through its measures, its name differs)")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TaskChange(Change change, @Schema(nullable = true) TaskRef from, @Schema(nullable = true) TaskRef to, @Schema(nullable = true) List<TextSegment> nameDiff) {
    }

    @Schema(name = "EditionMeasureRef", description = "A measure's place: plan (附件), task and position within the task")
    public record MeasureRef(UUID id, @Schema(example = "1") int attachment, @Schema(example = "3") int taskNumber,
            @Schema(example = "推动机动车结构优化升级") String taskName, @Schema(example = "2") int position) {
    }

    @Schema(name = "TextSegment", description = "A run of characters kept, deleted or inserted (character-level, so Chinese text diffs meaningfully)")
    public record TextSegment(@Schema(example = "INSERT") Op op, @Schema(example = "大幅") String text) {

        public enum Op {
            EQUAL, DELETE, INSERT
        }
    }

    @Schema(name = "DeadlineChange")
    public record DeadlineChange(@Schema(example = "DATE") DeadlineKind fromKind, @Schema(example = "年底前") String fromLabel,
            @Schema(nullable = true, example = "2026-12-31") LocalDate fromEnd, @Schema(example = "DATE") DeadlineKind toKind,
            @Schema(example = "9月底前") String toLabel, @Schema(nullable = true, example = "2026-09-30") LocalDate toEnd) {
    }

    @Schema(name = "NamedDepartment")
    public record Named(@Schema(example = "ENV") String code, @Schema(example = "区生态环境局") String name,
            boolean group) {
    }

    @Schema(name = "RoleChange", description = "Departments added to or removed from one role (LEAD, RESPONSIBLE, ASSISTING; COOPERATING for indicators)")
    public record RoleChange(@Schema(example = "ASSISTING") String role, List<Named> added, List<Named> removed) {
    }

    @Schema(name = "EditionMeasureChange")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MeasureChange(
            @Schema(description = "ADDED, REMOVED, CHANGED (content) or MOVED (place only)") Change change,
            @Schema(nullable = true, description = "In the earlier edition; absent for ADDED") MeasureRef from,
            @Schema(nullable = true, description = "In the later edition; absent for REMOVED") MeasureRef to,
            @Schema(nullable = true, description = "Character-bigram similarity of the two texts, 0-1", example = "0.93") Double similarity,
            @Schema(nullable = true, description = "Moved to another task or place within its task") Boolean moved,
            @Schema(nullable = true, description = "The text: the later one, or the removed one") String text,
            @Schema(nullable = true, description = "The character-level difference when the text changed") List<TextSegment> textDiff,
            @Schema(nullable = true) DeadlineChange deadline,
            @Schema(nullable = true, description = "Per role, when the departments changed") List<RoleChange> departments) {
    }

    @Schema(name = "EditionIndicatorRef")
    public record IndicatorRef(UUID id, @Schema(example = "1") int number, @Schema(example = "PM2.5年均浓度") String name,
            @Schema(example = "26微克/立方米") String target) {
    }

    @Schema(name = "EditionIndicatorChange")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IndicatorChange(Change change, @Schema(nullable = true) IndicatorRef from, @Schema(nullable = true) IndicatorRef to,
            @Schema(nullable = true, description = "Whether the year-end target changed") Boolean targetChanged,
            @Schema(nullable = true, description = "Whether the name or category changed") Boolean nameChanged,
            @Schema(nullable = true) List<RoleChange> departments) {
    }
}
