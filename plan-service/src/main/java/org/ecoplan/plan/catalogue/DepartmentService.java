package org.ecoplan.plan.catalogue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

    /** A department's measures per role, counting those assigned to a group it belongs to. */
    private static final String COUNTS_BY_ROLE = """
            select x.department_id, x.role, count(distinct x.measure_id)
            from (select a.department_id, a.role, a.measure_id from measure_assignment a
                  where a.department_id is not null
                  union all
                  select gm.department_id, a.role, a.measure_id from measure_assignment a
                  join department_group_member gm on gm.group_id = a.group_id) x
            %s
            group by x.department_id, x.role""";

    private static final String OF_DOCUMENTS = """
            where x.measure_id in (select m.id from measure m where m.document_id in
                (select d.id from plan_document d where true %s %s))""";

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
    public record Detail(Department department, List<String> groups, Map<AssignmentRole, List<Measure>> measuresByRole) {
    }

    /** One page of the registry in code order, each department with its measures per role. */
    public Page<Counted> list(DepartmentKind kind, String district, Integer year, PageRequest page) {
        List<DepartmentGroup> allGroups = groups.listWithMembers();
        Map<UUID, List<String>> groupsByMember = new HashMap<>();
        allGroups.forEach(g -> g.members.forEach(m -> groupsByMember.computeIfAbsent(m.id, id -> new ArrayList<>()).add(g.code)));
        Map<UUID, Map<AssignmentRole, Long>> counts = countsByRole(district, year);
        var query = kind == null ? departments.find("order by code") : departments.find("kind = ?1 order by code", kind);
        List<Department> selected = query.page(page.page, page.size).list();
        return Page.of(selected.stream().map(d -> new Counted(d, groupsByMember.getOrDefault(d.id, List.of()),
                counts.getOrDefault(d.id, Map.of()))).toList(), page, query.count());
    }

    public Detail detail(String code, String district, Integer year) {
        Department department = departments.findByCode(code)
                .orElseThrow(() -> ProblemException.notFound("department", code));
        List<DepartmentGroup> allGroups = groups.listWithMembers();
        List<String> memberOf = allGroups.stream().filter(g -> g.members.contains(department)).map(g -> g.code).toList();
        // One search for the measures it has any role in; each lands in the lists of the roles it holds there.
        MeasureFilter filter = new MeasureFilter(department.id, null, null, null, null, null, null, null, district, year,
                null);
        Map<AssignmentRole, List<Measure>> byRole = new EnumMap<>(AssignmentRole.class);
        for (AssignmentRole role : AssignmentRole.values()) {
            byRole.put(role, new ArrayList<>());
        }
        for (Measure measure : measures.search(filter, PageRequest.of(0, MAX_MEASURES)).items()) {
            measure.assignments.stream().filter(a -> names(a, department)).map(a -> a.role).distinct()
                    .forEach(role -> byRole.get(role).add(measure));
        }
        return new Detail(department, memberOf, byRole);
    }

    /** One page of the groups in code order (a handful: paged in memory, members fetched with them). */
    public Page<DepartmentGroup> groups(PageRequest page) {
        List<DepartmentGroup> all = groups.listWithMembers();
        int from = Math.min(page.offset(), all.size());
        return Page.of(all.subList(from, Math.min(from + page.size, all.size())), page, all.size());
    }

    /** The group with its members fetched. */
    public DepartmentGroup group(String code) {
        groups.listWithMembers();
        return groups.findByCode(code).orElseThrow(() -> ProblemException.notFound("group", code));
    }

    private static boolean names(MeasureAssignment assignment, Department department) {
        return department.equals(assignment.department)
                || assignment.group != null && assignment.group.members.contains(department);
    }

    private Map<UUID, Map<AssignmentRole, Long>> countsByRole(String district, Integer year) {
        String documents = district == null && year == null ? "" : OF_DOCUMENTS.formatted(
                district == null ? "" : "and d.district = :district", year == null ? "" : "and d.year = :year");
        var query = departments.getEntityManager().createNativeQuery(COUNTS_BY_ROLE.formatted(documents));
        if (district != null) {
            query.setParameter("district", district);
        }
        if (year != null) {
            query.setParameter("year", year);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        Map<UUID, Map<AssignmentRole, Long>> counts = new HashMap<>();
        for (Object[] row : rows) {
            counts.computeIfAbsent((UUID) row[0], id -> new EnumMap<>(AssignmentRole.class))
                    .put(AssignmentRole.valueOf((String) row[1]), ((Number) row[2]).longValue());
        }
        return counts;
    }
}
