package org.ecoplan.plan.catalogue;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class PlanRepository implements PanacheRepositoryBase<Plan, UUID> {

    /** A plan with the number of its tasks and measures, counted by the database. */
    public record PlanWithCounts(Plan plan, long taskCount, long measureCount) {
    }

    private static final String WITH_COUNTS = "select p,"
            + " (select count(t) from KeyTask t where t.plan = p),"
            + " (select count(m) from Measure m where m.plan = p)"
            + " from Plan p join fetch p.document d";

    public List<PlanWithCounts> listWithCounts(String district, Integer year, int offset, int limit) {
        var query = getEntityManager().createQuery(WITH_COUNTS + " where (:district is null or d.district = :district)"
                + " and (:year is null or d.year = :year)"
                + " order by d.year desc, d.district, d.edition, p.attachment", Object[].class);
        query.setParameter("district", district).setParameter("year", year);
        return query.setFirstResult(offset).setMaxResults(limit).getResultList().stream()
                .map(row -> new PlanWithCounts((Plan) row[0], (Long) row[1], (Long) row[2])).toList();
    }

    public long count(String district, Integer year) {
        return count("(:district is null or document.district = :district) and (:year is null or document.year = :year)",
                io.quarkus.panache.common.Parameters.with("district", district).and("year", year));
    }

    public Optional<PlanWithCounts> findWithCounts(UUID id) {
        return getEntityManager().createQuery(WITH_COUNTS + " where p.id = :id", Object[].class)
                .setParameter("id", id).getResultStream().findFirst()
                .map(row -> new PlanWithCounts((Plan) row[0], (Long) row[1], (Long) row[2]));
    }
}
