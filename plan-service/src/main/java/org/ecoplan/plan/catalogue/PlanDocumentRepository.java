package org.ecoplan.plan.catalogue;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class PlanDocumentRepository implements PanacheRepositoryBase<PlanDocument, UUID> {

    public Optional<PlanDocument> findByIdentity(String district, int year, String edition) {
        return find("district = ?1 and year = ?2 and edition = ?3", district, year, edition).firstResultOptional();
    }
}
