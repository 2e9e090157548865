package org.ecoplan.plan.department.api;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ecoplan.catalogue.contract.AssignmentRole;
import org.ecoplan.plan.catalogue.DepartmentService;
import org.ecoplan.plan.catalogue.api.CatalogueViewMapper;
import org.ecoplan.plan.catalogue.api.CatalogueViews.MeasureView;
import org.ecoplan.plan.department.Department;
import org.ecoplan.plan.department.DepartmentGroup;
import org.ecoplan.plan.department.DepartmentKind;
import org.ecoplan.web.input.NotBlankWhenPresent;

public final class DepartmentViews {

    private static final String DISTRICT = "The district it belongs to; null for a department of the city (市规划自然资源委延庆分局). "
            + "Codes are unique in the city, names in a district: 密云区's 区生态环境局 is MY-ENV";

    private DepartmentViews() {
    }

    @Schema(name = "RoleCounts", description = "Measures per role, counting those assigned to a group the department belongs to")
    public record RoleCounts(@Schema(example = "41") long lead, @Schema(example = "3") long responsible,
            @Schema(example = "12") long assisting) {

        static RoleCounts of(DepartmentService.Counted counted) {
            return new RoleCounts(counted.measures(AssignmentRole.LEAD), counted.measures(AssignmentRole.RESPONSIBLE),
                    counted.measures(AssignmentRole.ASSISTING));
        }
    }

    @Schema(name = "DepartmentSummary")
    public record DepartmentSummary(@Schema(example = "ENV") String code, @Schema(example = "区生态环境局") String name,
            DepartmentKind kind, @Schema(description = DISTRICT, example = "延庆区", nullable = true) String district,
            @Schema(description = "Codes of the groups it belongs to") List<String> groups, RoleCounts measures) {

        static DepartmentSummary of(DepartmentService.Counted counted) {
            Department department = counted.department();
            return new DepartmentSummary(department.code, department.name, department.kind, department.district, counted.groups(),
                    RoleCounts.of(counted));
        }
    }

    @Schema(name = "DepartmentDetail", description = "A department with the measures it leads, is responsible for and assists")
    public record DepartmentDetail(String code, String name, DepartmentKind kind,
            @Schema(description = DISTRICT, example = "延庆区", nullable = true) String district, List<String> groups,
            List<MeasureView> leads, List<MeasureView> responsibleFor, List<MeasureView> assists) {

        static DepartmentDetail of(DepartmentService.Detail detail) {
            Department department = detail.department();
            Map<AssignmentRole, List<DepartmentService.AssignedMeasure>> byRole = detail.measuresByRole();
            return new DepartmentDetail(department.code, department.name, department.kind, department.district, detail.groups(),
                    views(byRole.get(AssignmentRole.LEAD)), views(byRole.get(AssignmentRole.RESPONSIBLE)),
                    views(byRole.get(AssignmentRole.ASSISTING)));
        }

        private static List<MeasureView> views(List<DepartmentService.AssignedMeasure> measures) {
            return measures.stream().map(m -> CatalogueViewMapper.list(m.measure(), m.assignments())).toList();
        }
    }

    @Schema(name = "DepartmentGroup", description = "A group named in the plan (各街乡镇 …); an open group's members are not fixed yet")
    public record GroupView(@Schema(example = "ALL-SUBDISTRICTS-TOWNS") String code, @Schema(example = "各街乡镇") String name,
            @Schema(description = "The district whose departments it gathers", example = "延庆区") String district,
            List<String> memberCodes, boolean open, @Schema(description = "Grows with every change; the ETag", example = "1") long revision) {

        public static GroupView of(DepartmentGroup group) {
            return new GroupView(group.code, group.name, group.district, group.memberCodes(), group.members.isEmpty(),
                    group.revision);
        }
    }

    // Concrete page shapes for the OpenAPI document (the API answers Page<T>, which it cannot name).

    @Schema(name = "DepartmentPage")
    public record DepartmentPage(List<DepartmentSummary> items, int page, int size, long totalItems, int totalPages) {
    }

    @Schema(name = "DepartmentGroupPage")
    public record GroupPage(List<GroupView> items, int page, int size, long totalItems, int totalPages) {
    }

    @Schema(name = "GroupMembers", description = "The complete new member list of a group, by department code")
    public record GroupMembersRequest(
            @NotNull(message = "is required") @Size(max = 500, message = "at most 500 members")
            @Schema(example = "[\"JIUXIAN\", \"ZHANGSHANYING\"]") List<@NotNull(message = "must not be null") @NotBlankWhenPresent String> memberCodes) {
    }
}
