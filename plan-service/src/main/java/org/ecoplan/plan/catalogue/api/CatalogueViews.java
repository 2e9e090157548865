package org.ecoplan.plan.catalogue.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.ecoplan.plan.importing.DeadlineKind;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The REST bodies of the catalogue: records built from entities, never the entities themselves. */
public final class CatalogueViews {

    private CatalogueViews() {
    }

    @Schema(name = "DepartmentRef", description = "A department, or a group of departments, named in a role")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DepartmentRef(
            @Schema(example = "ENV") String code,
            @Schema(example = "区生态环境局") String name,
            @Schema(description = "true for a group such as 各街乡镇") boolean group,
            @Schema(nullable = true, description = "Members of a group (department codes)") List<String> memberCodes) {
    }

    @Schema(name = "RoleAssignments", description = "Departments by role: 牵头部门, 主责单位, 协办单位")
    public record RoleAssignments(List<DepartmentRef> lead, List<DepartmentRef> responsible,
            List<DepartmentRef> assisting) {
    }

    @Schema(name = "Deadline", description = "DATE: due by end; WINDOW: from start to end (e.g. 6-9月); ONGOING: no end (长期实施, 持续推进)")
    public record DeadlineView(
            @Schema(example = "DATE") DeadlineKind kind,
            @Schema(nullable = true, example = "2026-06-01") LocalDate start,
            @Schema(nullable = true, example = "2026-06-30") LocalDate end,
            @Schema(example = "6月底前") String label) {
    }

    @Schema(name = "PlanRef")
    public record PlanRef(UUID id, @Schema(example = "1") int attachment,
            @Schema(example = "持续污染防治攻坚2026年行动计划") String title,
            @Schema(example = "2026") int year, @Schema(example = "征求意见稿") String edition) {
    }

    @Schema(name = "SectionRef")
    public record SectionRef(UUID id, @Schema(example = "一") String label,
            @Schema(example = "共筑美丽蓝天") String title, @Schema(example = "1") int level) {
    }

    @Schema(name = "TaskRef")
    public record TaskRef(UUID id, @Schema(example = "1") int number, @Schema(example = "空气质量目标") String name) {
    }

    @Schema(name = "Measure", description = "A work measure with its place in the plan, deadline and departments")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MeasureView(
            UUID id,
            @Schema(description = "Grows with every edit; the ETag", example = "1") long revision,
            PlanRef plan,
            SectionRef section,
            @Schema(nullable = true, description = "The subsection, when the task sits in one") SectionRef subsection,
            TaskRef task,
            @Schema(description = "1-based position within the task", example = "1") int position,
            @Schema(example = "巩固“常态蓝”空气质量改善成效，全力推进美丽蓝天建设……") String text,
            DeadlineView deadline,
            RoleAssignments departments,
            @Schema(description = "Further timing found in the text", example = "[\"每月\"]") List<String> timingHints,
            @Schema(nullable = true, description = "The document's cells as written (detail view only)", type = SchemaType.OBJECT)
            @JsonRawValue String raw,
            @Schema(nullable = true, description = "Line of the source document (detail view only)") Integer sourceLine,
            Instant updatedAt,
            String updatedBy) {
    }

    @Schema(name = "MeasureSummary")
    public record MeasureSummary(UUID id, long revision, int position, String text, DeadlineView deadline,
            RoleAssignments departments) {
    }

    @Schema(name = "TaskNode")
    public record TaskNode(UUID id, int number, String name, List<MeasureSummary> measures) {
    }

    @Schema(name = "SectionNode")
    public record SectionNode(UUID id, String label, String title, int level, List<SectionNode> subsections,
            List<TaskNode> tasks) {
    }

    @Schema(name = "PlanSummary")
    public record PlanSummary(UUID id, @Schema(example = "1") int attachment,
            @Schema(example = "持续污染防治攻坚2026年行动计划") String title,
            @Schema(example = "延庆区") String district, @Schema(example = "2026") int year,
            @Schema(example = "征求意见稿") String edition, UUID documentId,
            @Schema(example = "45") long taskCount, @Schema(example = "120") long measureCount) {
    }

    // Concrete page shapes for the OpenAPI document (the API answers Page<T>, which it cannot name).

    @Schema(name = "PlanPage")
    public record PlanPage(List<PlanSummary> items, int page, int size, long totalItems, int totalPages) {
    }

    @Schema(name = "MeasurePage")
    public record MeasurePage(List<MeasureView> items, int page, int size, long totalItems, int totalPages) {
    }

    @Schema(name = "IndicatorPage")
    public record IndicatorPage(List<IndicatorView> items, int page, int size, long totalItems, int totalPages) {
    }

    @Schema(name = "PlanTree", description = "A plan with its sections, subsections, key tasks and measures")
    public record PlanTree(PlanSummary plan, List<SectionNode> sections) {
    }

    @Schema(name = "TaskDetail")
    public record TaskDetail(UUID id, int number, String name, PlanRef plan, SectionRef section,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(nullable = true) SectionRef subsection, List<MeasureView> measures) {
    }

    @Schema(name = "MeasureEditRecord", description = "One administrator edit, with the measure before and after")
    public record MeasureEditView(long revision, Instant editedAt, String editedBy, @Schema(nullable = true) String reason,
            @Schema(type = SchemaType.OBJECT) @JsonRawValue String before,
            @Schema(type = SchemaType.OBJECT) @JsonRawValue String after) {
    }

    @Schema(name = "Indicator", description = "A row of 附件4; the target as written (indicator-service parses it)")
    public record IndicatorView(UUID id, long revision, @Schema(example = "1") int number,
            @Schema(example = "大气环境") String category,
            @Schema(example = "PM2.5年均浓度") String name,
            @Schema(example = "26微克/立方米") String target,
            List<DepartmentRef> lead, List<DepartmentRef> cooperating,
            @Schema(example = "延庆区") String district, @Schema(example = "2026") int year, @Schema(example = "征求意见稿") String edition,
            @Schema(nullable = true, type = SchemaType.OBJECT) @JsonRawValue String raw) {
    }
}
