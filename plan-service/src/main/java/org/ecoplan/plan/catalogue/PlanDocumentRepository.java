package org.ecoplan.plan.catalogue;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ecoplan.catalogue.contract.EditionStatus;

@ApplicationScoped
public class PlanDocumentRepository implements PanacheRepositoryBase<PlanDocument, UUID> {

    /** Serialises imports and adoptions across replicas: two starts loading the seed at once must not both insert it. */
    private static final long EDITIONS_LOCK = 0x45636f506c616eL;

    public Optional<PlanDocument> findByIdentity(String district, int year, String edition) {
        return find("district = ?1 and year = ?2 and edition = ?3", district, year, edition).firstResultOptional();
    }

    /** The edition the district works to; the oldest if a database from before editions holds several. */
    public Optional<PlanDocument> findCurrent(String district, int year) {
        return find("district = ?1 and year = ?2 and status = ?3 order by importedAt", district, year,
                EditionStatus.CURRENT).firstResultOptional();
    }

    /** All editions of a district's plan of one year (or of all, with nulls), newest year first, then as loaded. */
    public List<PlanDocument> listEditions(String district, Integer year) {
        return list("(?1 is null or district = ?1) and (?2 is null or year = ?2) order by year desc, district, importedAt",
                district, year);
    }

    /** Holds the editions lock until the transaction ends: imports and adoptions run one at a time. */
    public void lockEditions() {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, EDITIONS_LOCK)
                .getSingleResult();
    }

    /** A new block of catalogue positions (see {@link Measure#catalogueOrder}). */
    public long nextDocumentOrder() {
        return ((Number) getEntityManager().createNativeQuery("select nextval('plan_document_order_seq')")
                .getSingleResult()).longValue();
    }
}
