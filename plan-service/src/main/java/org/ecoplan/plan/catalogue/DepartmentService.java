package org.ecoplan.plan.catalogue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.ecoplan.catalogue.contract.AssignmentRole;
import org.ecoplan.plan.department.Department;
import org.ecoplan.plan.department.DepartmentGroup;
import org.ecoplan.plan.department.DepartmentGroupRepository;
import org.ecoplan.plan.department.DepartmentKind;
import org.ecoplan.plan.department.DepartmentRepository;
import org.ecoplan.web.paging.Page;
import org.ecoplan.web.paging.PageRequest;
import org.ecoplan.web.problem.ProblemException;

/** The department registry with, for each department, the measures it leads or supports (directly or through a group). */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DepartmentService {

    /** A department in one plan year has at most a few hundred measures; this bounds a detail page regardless. */
    private static final int MAX_MEASURES = PageRequest.MAX_SIZE;

    private final DepartmentRepository departments;
    private final DepartmentGroupRepository groups;
    private final MeasureRepository measures;

    DepartmentService(DepartmentRepository departments, DepartmentGroupRepository groups, MeasureRepository measures) {
        this.departments = departments;
        this.groups = groups;
        this.measures = measures;
    }

    /** A department, the codes of the groups it belongs to, and how many measures it has per role. */
    public record Counted(Department department, List<String> groups, Map<AssignmentRole, Long> measuresByRole) {

        public long measures(AssignmentRole role) {
            return measuresByRole.getOrDefault(role, 0L);
        }
    }

    /**
     * A department, the codes of the groups it belongs to, and its measures per role (every role present, in document
     * order), fetched for mapping without further queries.
     */
    public record Detail(Department department, List<String> groups,
            Map<AssignmentRole, List<AssignedMeasure>> measuresByRole) {
    }

    /**
     * A measure with its assignments in position order, fetched apart from it: read these, not
     * {@code measure.assignments}, which is not loaded.
     */
    public record AssignedMeasure(Measure measure, List<MeasureAssignment> assignments) {
    }

    /**
     * One page of the registry in code order, each department with its measures per role: with a district, that
     * district's departments and the city's (whose measures are counted in that district's plans only).
     */
    public Page<Counted> list(DepartmentKind kind, String district, Integer year, PageRequest page) {
        List<DepartmentGroup> allGroups = groups.listWithMembers();
        Map<UUID, List<String>> groupsByMember = new HashMap<>();
        allGroups.forEach(g -> g.members.forEach(m -> groupsByMember.computeIfAbsent(m.id, id -> new ArrayList<>()).add(g.code)));
        Map<UUID, Map<AssignmentRole, Long>> counts = measures.countByDepartmentAndRole(district, year);
        var query = departments.page(kind, district);
        List<Department> selected = query.page(page.page, page.size).list();
        return Page.of(selected.stream().map(d -> new Counted(d, groupsByMember.getOrDefault(d.id, List.of()),
                counts.getOrDefault(d.id, Map.of()))).toList(), page, query.count());
    }

    /**
     * Five queries whatever the number of measures: the department, the groups it belongs to, its measures (one row
     * each), their assignments with departments and groups, and the members of those groups.
     */
    public Detail detail(String code, String district, Integer year) {
        Department department = departments.findByCode(code)
                .orElseThrow(() -> ProblemException.notFound("department", code));
        List<DepartmentGroup> memberOf = groups.listContaining(department.id);
        Set<UUID> groupIds = memberOf.stream().map(g -> g.id).collect(Collectors.toSet());
        List<Measure> found = measures.listForViewByDepartment(department.id, groupIds, district, year, MAX_MEASURES);
        Map<UUID, List<MeasureAssignment>> assignments = measures.listAssignmentsForView(found);
        groups.fetchMembers(assignments.values().stream().flatMap(List::stream).filter(a -> a.group != null)
                .map(a -> a.group.id).collect(Collectors.toSet()));
        // Each measure lands in the lists of the roles the department holds there, itself or through a group.
        Map<AssignmentRole, List<AssignedMeasure>> byRole = new EnumMap<>(AssignmentRole.class);
        for (AssignmentRole role : AssignmentRole.values()) {
            byRole.put(role, new ArrayList<>());
        }
        for (Measure measure : found) {
            AssignedMeasure assigned = new AssignedMeasure(measure, assignments.getOrDefault(measure.id, List.of()));
            assigned.assignments().stream()
                    .filter(a -> department.equals(a.department) || a.group != null && groupIds.contains(a.group.id))
                    .map(a -> a.role).distinct().forEach(role -> byRole.get(role).add(assigned));
        }
        return new Detail(department, memberOf.stream().map(g -> g.code).toList(), byRole);
    }

    /** One page of the groups in code order, of one district when given (paged in memory, members fetched with them). */
    public Page<DepartmentGroup> groups(String district, PageRequest page) {
        List<DepartmentGroup> all = district == null ? groups.listWithMembers() : groups.listWithMembers(district);
        int from = Math.min(page.offset(), all.size());
        return Page.of(all.subList(from, Math.min(from + page.size, all.size())), page, all.size());
    }

    /** The group with its members fetched. */
    public DepartmentGroup group(String code) {
        groups.listWithMembers();
        return groups.findByCode(code).orElseThrow(() -> ProblemException.notFound("group", code));
    }

}
