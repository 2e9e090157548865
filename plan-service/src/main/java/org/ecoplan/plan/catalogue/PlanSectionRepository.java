package org.ecoplan.plan.catalogue;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PlanSectionRepository implements PanacheRepositoryBase<PlanSection, UUID> {

    public List<PlanSection> listByPlan(UUID planId) {
        return list("plan.id = ?1 order by position", planId);
    }
}
