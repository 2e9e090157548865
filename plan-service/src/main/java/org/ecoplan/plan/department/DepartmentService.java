package org.ecoplan.plan.department;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ecoplan.plan.catalogue.MeasureFilter;
import org.ecoplan.plan.catalogue.MeasureRepository;
import org.ecoplan.plan.catalogue.api.CatalogueViewMapper;
import org.ecoplan.plan.catalogue.api.CatalogueViews.MeasureView;
import org.ecoplan.plan.department.api.DepartmentViews.DepartmentDetail;
import org.ecoplan.plan.department.api.DepartmentViews.DepartmentSummary;
import org.ecoplan.plan.department.api.DepartmentViews.GroupView;
import org.ecoplan.plan.department.api.DepartmentViews.RoleCounts;
import org.ecoplan.plan.importing.AssignmentRole;
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
            join measure m on m.id = x.measure_id join plan p on p.id = m.plan_id
            join plan_document d on d.id = p.document_id
            where (cast(:year as integer) is null or d.year = cast(:year as integer))
            group by x.department_id, x.role""";

    /** A department in one plan year has at most a few hundred measures; this bounds a detail page regardless. */
    private static final int MAX_MEASURES_PER_ROLE = 500;

    @Inject
    DepartmentRepository departments;

    @Inject
    DepartmentGroupRepository groups;

    @Inject
    MeasureRepository measures;

    public List<DepartmentSummary> list(DepartmentKind kind, Integer year) {
        List<DepartmentGroup> allGroups = groups.listWithMembers();
        Map<UUID, List<String>> groupsByMember = new HashMap<>();
        allGroups.forEach(g -> g.members.forEach(m -> groupsByMember.computeIfAbsent(m.id, id -> new ArrayList<>()).add(g.code)));
        Map<UUID, Map<AssignmentRole, Long>> counts = countsByRole(year);
        List<Department> selected = kind == null ? departments.list("order by code")
                : departments.list("kind = ?1 order by code", kind);
        return selected.stream().map(d -> new DepartmentSummary(d.code, d.name, d.kind,
                groupsByMember.getOrDefault(d.id, List.of()), roleCounts(counts.get(d.id)))).toList();
    }

    public DepartmentDetail detail(String code, Integer year) {
        Department department = departments.findByCode(code)
                .orElseThrow(() -> ProblemException.notFound("department", code));
        List<DepartmentGroup> allGroups = groups.listWithMembers();
        List<String> memberOf = allGroups.stream().filter(g -> g.members.contains(department)).map(g -> g.code).toList();
        return new DepartmentDetail(department.code, department.name, department.kind, memberOf,
                measuresInRole(department.id, AssignmentRole.LEAD, year),
                measuresInRole(department.id, AssignmentRole.RESPONSIBLE, year),
                measuresInRole(department.id, AssignmentRole.ASSISTING, year));
    }

    public List<GroupView> groups() {
        return groups.listWithMembers().stream()
                .map(g -> new GroupView(g.code, g.name, g.memberCodes(), g.members.isEmpty())).toList();
    }

    private List<MeasureView> measuresInRole(UUID departmentId, AssignmentRole role, Integer year) {
        MeasureFilter filter = new MeasureFilter(departmentId, role, null, null, null, null, null, null, null, year, null);
        return measures.search(filter, PageRequest.of(0, MAX_MEASURES_PER_ROLE)).items().stream()
                .map(CatalogueViewMapper::list).toList();
    }

    private Map<UUID, Map<AssignmentRole, Long>> countsByRole(Integer year) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = departments.getEntityManager().createNativeQuery(COUNTS_BY_ROLE)
                .setParameter("year", year).getResultList();
        Map<UUID, Map<AssignmentRole, Long>> counts = new HashMap<>();
        for (Object[] row : rows) {
            counts.computeIfAbsent((UUID) row[0], id -> new EnumMap<>(AssignmentRole.class))
                    .put(AssignmentRole.valueOf((String) row[1]), ((Number) row[2]).longValue());
        }
        return counts;
    }

    private static RoleCounts roleCounts(Map<AssignmentRole, Long> counts) {
        Map<AssignmentRole, Long> byRole = counts == null ? Map.of() : counts;
        return new RoleCounts(byRole.getOrDefault(AssignmentRole.LEAD, 0L),
                byRole.getOrDefault(AssignmentRole.RESPONSIBLE, 0L), byRole.getOrDefault(AssignmentRole.ASSISTING, 0L));
    }
}
