package org.ecoplan.plan.catalogue;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class KeyTaskRepository implements PanacheRepositoryBase<KeyTask, UUID> {

    public List<KeyTask> listByPlan(UUID planId) {
        return list("plan.id = ?1 order by number", planId);
    }

    /** The tasks of a document's plans, by plan and number. */
    public List<KeyTask> listByDocument(UUID documentId) {
        return list("select t from KeyTask t join fetch t.plan p where p.document.id = ?1 order by p.attachment, t.number",
                documentId);
    }

    public Optional<KeyTask> findWithPlan(UUID id) {
        return find("select t from KeyTask t join fetch t.plan p join fetch p.document join fetch t.section s"
                + " left join fetch s.parent where t.id = ?1", id).firstResultOptional();
    }
}
