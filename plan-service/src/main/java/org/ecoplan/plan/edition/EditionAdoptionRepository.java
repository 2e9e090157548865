package org.ecoplan.plan.edition;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class EditionAdoptionRepository implements PanacheRepositoryBase<EditionAdoption, UUID> {

    public Optional<EditionAdoption> findByDocument(UUID documentId) {
        return find("documentId", documentId).firstResultOptional();
    }
}
