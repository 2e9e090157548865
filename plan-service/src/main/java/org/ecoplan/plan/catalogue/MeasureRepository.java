package org.ecoplan.plan.catalogue;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ecoplan.web.paging.Page;
import org.ecoplan.web.paging.PageRequest;

@ApplicationScoped
public class MeasureRepository implements PanacheRepositoryBase<Measure, UUID> {

    /** Everything a measure view shows, in one query: no lazy loads while mapping. */
    private static final String FETCH_FOR_VIEW = "select distinct m from Measure m"
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

    public List<Measure> listForViewByTask(UUID taskId) {
        return find(FETCH_FOR_VIEW + " where m.task.id = ?1 order by m.position", taskId).list();
    }

    public List<Measure> listForViewByPlan(UUID planId) {
        return find(FETCH_FOR_VIEW + " where m.plan.id = ?1", planId).list();
    }

    /**
     * One page of measures in document order (plan attachment, task number, position). Two queries select the
     * page's ids and the total; a third fetches those measures with all they show.
     */
    public Page<Measure> search(MeasureFilter filter, PageRequest page) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        if (filter.departmentId() != null) {
            where.append(" and exists (select 1 from measure_assignment a")
                    .append(" left join department_group_member gm on gm.group_id = a.group_id")
                    .append(" where a.measure_id = m.id and (a.department_id = :department or gm.department_id = :department)");
            parameters.put("department", filter.departmentId());
            if (filter.role() != null) {
                where.append(" and a.role = :role");
                parameters.put("role", filter.role().name());
            }
            where.append(")");
        } else if (filter.role() != null) {
            where.append(" and exists (select 1 from measure_assignment a where a.measure_id = m.id and a.role = :role)");
            parameters.put("role", filter.role().name());
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
        if (filter.district() != null) {
            where.append(" and d.district = :district");
            parameters.put("district", filter.district());
        }
        if (filter.year() != null) {
            where.append(" and d.year = :year");
            parameters.put("year", filter.year());
        }
        if (filter.keyword() != null && !filter.keyword().isBlank()) {
            where.append(" and m.text ilike :keyword escape '\\'");
            parameters.put("keyword", "%" + escapeLike(filter.keyword().trim()) + "%");
        }
        String from = " from measure m join key_task t on t.id = m.task_id join plan p on p.id = m.plan_id"
                + " join plan_document d on d.id = p.document_id";
        Query idQuery = getEntityManager().createNativeQuery("select m.id" + from + where
                + " order by d.year, d.edition, p.attachment, t.number, m.position limit :limit offset :offset", UUID.class);
        Query countQuery = getEntityManager().createNativeQuery("select count(*)" + from + where, Long.class);
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

    private static List<Measure> inOrder(List<UUID> ids, List<Measure> measures) {
        Map<UUID, Measure> byId = measures.stream().collect(Collectors.toMap(m -> m.id, Function.identity()));
        List<Measure> ordered = new ArrayList<>(ids.size());
        ids.forEach(id -> ordered.add(byId.get(id)));
        return ordered;
    }

    static String escapeLike(String keyword) {
        return keyword.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    public static Comparator<Measure> documentOrder() {
        return Comparator.comparingInt((Measure m) -> m.task.number).thenComparingInt(m -> m.position);
    }
}
