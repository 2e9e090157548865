package org.ecoplan.plan.importing;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ImportRunRepository implements PanacheRepositoryBase<ImportRun, UUID> {

    /** The run that loaded the document (a repeat answers with its summary and warnings). */
    public Optional<ImportRun> findImported(UUID documentId) {
        return find("documentId = ?1 and outcome = ?2", documentId, ImportRun.Outcome.IMPORTED).firstResultOptional();
    }

    public List<ImportRun> recent(int limit) {
        return find("order by createdAt desc").page(0, limit).list();
    }
}
