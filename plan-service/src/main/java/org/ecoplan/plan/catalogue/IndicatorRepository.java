package org.ecoplan.plan.catalogue;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class IndicatorRepository implements PanacheRepositoryBase<Indicator, UUID> {

    private static final String FETCH_FOR_VIEW = "select distinct i from Indicator i join fetch i.document d"
            + " left join fetch i.assignments a left join fetch a.department left join fetch a.group";

    public List<Indicator> listForView(String district, Integer year) {
        return list(FETCH_FOR_VIEW + " where (:district is null or d.district = :district)"
                + " and (:year is null or d.year = :year) order by d.year desc, d.district, d.edition, i.number",
                io.quarkus.panache.common.Parameters.with("district", district).and("year", year));
    }

    public Optional<Indicator> findForView(UUID id) {
        return find(FETCH_FOR_VIEW + " where i.id = ?1", id).singleResultOptional();
    }
}
