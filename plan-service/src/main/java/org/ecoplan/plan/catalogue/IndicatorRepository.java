package org.ecoplan.plan.catalogue;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.panache.common.Parameters;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ecoplan.web.paging.Page;
import org.ecoplan.web.paging.PageRequest;
import java.util.Optional;
import java.util.UUID;
import org.ecoplan.catalogue.contract.EditionStatus;

@ApplicationScoped
public class IndicatorRepository implements PanacheRepositoryBase<Indicator, UUID> {

    private static final String FETCH_FOR_VIEW = "select i from Indicator i join fetch i.document d"
            + " left join fetch i.assignments a left join fetch a.department left join fetch a.group";

    private static final String FILTER = " where (:district is null or d.district = :district)"
            + " and (:year is null or d.year = :year)";

    /** One page in table order: the page's ids first, then those indicators with their departments. */
    public Page<Indicator> listForView(String district, Integer year, PageRequest page) {
        Parameters filter = Parameters.with("district", district).and("year", year);
        List<UUID> ids = find("select i.id from Indicator i join i.document d" + FILTER
                + " order by d.year desc, d.district, d.edition, i.number", filter)
                .project(UUID.class).page(page.page, page.size).list();
        long total = count("from Indicator i join i.document d" + FILTER, filter);
        Map<UUID, Indicator> byId = ids.isEmpty() ? Map.of()
                : list(FETCH_FOR_VIEW + " where i.id in ?1", ids).stream()
                        .collect(Collectors.toMap(i -> i.id, Function.identity()));
        return Page.of(ids.stream().map(byId::get).toList(), page, total);
    }

    /** Indicators of current editions that name the group (see MeasureRepository#idsNamingGroup). */
    public List<Indicator> listNamingGroup(UUID groupId) {
        return list(FETCH_FOR_VIEW + " where i.id in (select x.indicator.id from IndicatorAssignment x"
                + " where x.group.id = ?1) and d.status = ?2", groupId, EditionStatus.CURRENT);
    }

    /** Every indicator of a document with its departments, in table order. */
    public List<Indicator> listForViewByDocument(UUID documentId) {
        return list(FETCH_FOR_VIEW + " where d.id = ?1 order by i.number", documentId);
    }

    public Optional<Indicator> findForView(UUID id) {
        return find(FETCH_FOR_VIEW + " where i.id = ?1", id).singleResultOptional();
    }
}
