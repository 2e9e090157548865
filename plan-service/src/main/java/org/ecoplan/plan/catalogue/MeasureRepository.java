package org.ecoplan.plan.catalogue;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ecoplan.catalogue.contract.AssignmentRole;
import org.ecoplan.catalogue.contract.EditionStatus;
import org.ecoplan.web.paging.Page;
import org.ecoplan.web.paging.PageRequest;

@ApplicationScoped
public class MeasureRepository implements PanacheRepositoryBase<Measure, UUID> {

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

    /** Everything a measure view shows, in one query: no lazy loads while mapping. */
    private static final String FETCH_FOR_VIEW = "select m from Measure m"
            + " join fetch m.task join fetch m.plan p join fetch p.document"
            + " join fetch m.section join fetch m.topSection"
            + " left join fetch m.assignments a left join fetch a.department left join fetch a.group";

    public Optional<Measure> findForView(UUID id) {
        return find(FETCH_FOR_VIEW + " where m.id = ?1", id).singleResultOptional();
    }

    public List<Measure> findForView(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return find(FETCH_FOR_VIEW + " where m.id in ?1", ids).list();
    }

    /**
     * The measures that name the department or one of {@code groupIds} (the groups it belongs to), of documents of
     * {@code district} and {@code year} where given, in catalogue order, at most {@code limit}: one row per measure
     * with what its view shows but its assignments ({@link #listAssignmentsForView}). Fetching the assignments in the
     * same query would repeat every measure's text and cells once per assignment (~8 on a district bureau's measure).
     */
    public List<Measure> listForViewByDepartment(UUID departmentId, Collection<UUID> groupIds, String district,
            Integer year, int limit) {
        StringBuilder hql = new StringBuilder("select m from Measure m join fetch m.task join fetch m.plan p join fetch p.document"
                + " join fetch m.section join fetch m.topSection"
                + " where (m.id in (select a.measure.id from MeasureAssignment a where a.department.id = :department)");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("department", departmentId);
        if (!groupIds.isEmpty()) {
            hql.append(" or m.id in (select a.measure.id from MeasureAssignment a where a.group.id in :groups)");
            parameters.put("groups", groupIds);
        }
        hql.append(")");
        if (district != null) {
            hql.append(" and m.document.id in (select d.id from PlanDocument d where d.district = :district)");
            parameters.put("district", district);
        }
        if (year != null) {
            hql.append(" and m.document.id in (select d.id from PlanDocument d where d.year = :year)");
            parameters.put("year", year);
        }
        var query = getEntityManager().createQuery(hql.append(" order by m.catalogueOrder").toString(), Measure.class)
                .setMaxResults(limit);
        parameters.forEach(query::setParameter);
        return query.getResultList();
    }

    /**
     * The assignments of {@code measures}, each list in position order as {@link Measure#assignments} holds it, with
     * their departments and groups (not the groups' members: see {@code DepartmentGroupRepository.fetchMembers}).
     */
    public Map<UUID, List<MeasureAssignment>> listAssignmentsForView(Collection<Measure> measures) {
        Map<UUID, List<MeasureAssignment>> byMeasure = new HashMap<>();
        if (measures.isEmpty()) {
            return byMeasure;
        }
        List<MeasureAssignment> assignments = getEntityManager().createQuery("select a from MeasureAssignment a"
                        + " left join fetch a.department left join fetch a.group where a.measure in :measures"
                        + " order by a.measure.id, a.position", MeasureAssignment.class)
                .setParameter("measures", measures).getResultList();
        assignments.forEach(a -> byMeasure.computeIfAbsent(a.measure.id, id -> new ArrayList<>()).add(a));
        return byMeasure;
    }

    /**
     * Measures of current editions that name the group: those whose published state changes with the group's
     * members. A candidate's measures are not published yet, a superseded edition's are history.
     */
    public List<UUID> idsNamingGroup(UUID groupId) {
        return getEntityManager().createQuery(
                "select distinct a.measure.id from MeasureAssignment a where a.group.id = :group"
                        + " and a.measure.document.status = :current", UUID.class)
                .setParameter("group", groupId).setParameter("current", EditionStatus.CURRENT).getResultList();
    }

    /** Every measure of a document with what a comparison reads, in document order. */
    public List<Measure> listForViewByDocument(UUID documentId) {
        return find(FETCH_FOR_VIEW + " where m.document.id = ?1 order by m.catalogueOrder", documentId).list();
    }

    /** Locks a document's measures until the transaction ends (an adoption against concurrent edits). */
    public void lockByDocument(UUID documentId) {
        getEntityManager().createQuery("select m.id from Measure m where m.document.id = :document", UUID.class)
                .setParameter("document", documentId).setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    public List<Measure> listForViewByTask(UUID taskId) {
        return find(FETCH_FOR_VIEW + " where m.task.id = ?1 order by m.position", taskId).list();
    }

    /** All measures of a plan in one query, in no particular order (the tree sorts them per task). */
    public List<Measure> listForViewByPlan(UUID planId) {
        return find(FETCH_FOR_VIEW + " where m.plan.id = ?1", planId).list();
    }

    /**
     * One page of measures in catalogue order (documents as loaded, each in document order). Two queries
     * on the measure table alone select the page's ids and the total, each filter answered by an index;
     * a third fetches those measures with all they show.
     */
    public Page<Measure> search(MeasureFilter filter, PageRequest page) {
        StringBuilder where = new StringBuilder(" where true");
        Map<String, Object> parameters = new HashMap<>();
        String role = filter.role() == null ? "" : " and a.role = :role";
        if (filter.role() != null) {
            parameters.put("role", filter.role().name());
        }
        if (filter.departmentId() != null) {
            // Named directly, or through a group it belongs to: two index lookups, no OR across joins.
            where.append(" and m.id in (select a.measure_id from measure_assignment a where a.department_id = :department")
                    .append(role);
            parameters.put("department", filter.departmentId());
            List<UUID> groups = groupsOf(filter.departmentId());
            if (!groups.isEmpty()) {
                where.append(" union all select a.measure_id from measure_assignment a where a.group_id in (:groups)")
                        .append(role);
                parameters.put("groups", groups);
            }
            where.append(")");
        } else if (filter.role() != null) {
            where.append(" and m.id in (select a.measure_id from measure_assignment a where true").append(role).append(")");
        }
        if (filter.deadlineKind() != null) {
            where.append(" and m.deadline_kind = :kind");
            parameters.put("kind", filter.deadlineKind().name());
        }
        if (filter.deadlineFrom() != null) {
            where.append(" and m.deadline_end >= :deadlineFrom");
            parameters.put("deadlineFrom", filter.deadlineFrom());
        }
        if (filter.deadlineTo() != null) {
            where.append(" and m.deadline_end <= :deadlineTo");
            parameters.put("deadlineTo", filter.deadlineTo());
        }
        if (filter.planId() != null) {
            where.append(" and m.plan_id = :plan");
            parameters.put("plan", filter.planId());
        }
        if (filter.sectionId() != null) {
            where.append(" and (m.section_id = :section or m.top_section_id = :section)");
            parameters.put("section", filter.sectionId());
        }
        if (filter.taskId() != null) {
            where.append(" and m.task_id = :task");
            parameters.put("task", filter.taskId());
        }
        if (filter.district() != null || filter.year() != null) {
            where.append(" and m.document_id in (select d.id from plan_document d where true");
            if (filter.district() != null) {
                where.append(" and d.district = :district");
                parameters.put("district", filter.district());
            }
            if (filter.year() != null) {
                where.append(" and d.year = :year");
                parameters.put("year", filter.year());
            }
            where.append(")");
        }
        if (filter.keyword() != null && !filter.keyword().isBlank()) {
            where.append(" and m.text ilike :keyword escape '\\'");
            parameters.put("keyword", "%" + escapeLike(filter.keyword().trim()) + "%");
        }
        Query idQuery = getEntityManager().createNativeQuery("select m.id from measure m" + where
                + " order by m.catalogue_order limit :limit offset :offset", UUID.class);
        Query countQuery = getEntityManager().createNativeQuery("select count(*) from measure m" + where, Long.class);
        parameters.forEach((name, value) -> {
            idQuery.setParameter(name, value);
            countQuery.setParameter(name, value);
        });
        idQuery.setParameter("limit", page.size).setParameter("offset", page.offset());
        @SuppressWarnings("unchecked")
        List<UUID> ids = idQuery.getResultList();
        long total = ((Number) countQuery.getSingleResult()).longValue();
        return Page.of(inOrder(ids, findForView(ids)), page, total);
    }

    /**
     * How many measures each department has per role, counting those assigned to a group it belongs to; only the
     * measures of documents of {@code district} and {@code year} where given. An aggregate over every assignment: SQL.
     */
    public Map<UUID, Map<AssignmentRole, Long>> countByDepartmentAndRole(String district, Integer year) {
        String documents = district == null && year == null ? "" : OF_DOCUMENTS.formatted(
                district == null ? "" : "and d.district = :district", year == null ? "" : "and d.year = :year");
        Query query = getEntityManager().createNativeQuery(COUNTS_BY_ROLE.formatted(documents));
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

    private List<UUID> groupsOf(UUID departmentId) {
        @SuppressWarnings("unchecked")
        List<UUID> groups = getEntityManager()
                .createNativeQuery("select group_id from department_group_member where department_id = :department", UUID.class)
                .setParameter("department", departmentId).getResultList();
        return groups;
    }

    private static List<Measure> inOrder(List<UUID> ids, List<Measure> measures) {
        Map<UUID, Measure> byId = measures.stream().collect(Collectors.toMap(m -> m.id, Function.identity()));
        List<Measure> ordered = new ArrayList<>(ids.size());
        ids.forEach(id -> ordered.add(byId.get(id)));
        return ordered;
    }

    static String escapeLike(String keyword) {
        return keyword.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
