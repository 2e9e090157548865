package org.ecoplan.plan.episode;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ecoplan.web.paging.PageRequest;

@ApplicationScoped
public class EpisodeRepository implements PanacheRepositoryBase<Episode, UUID> {

    /**
     * Serialises activations until the transaction ends (a transaction-scoped advisory lock), so that two integrators
     * cannot open two episodes at once: there is no row to lock before the episode exists.
     */
    public void lockActivations() {
        getEntityManager()
                .createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtext('ecoplan.plan.episode-activation'))) as locked")
                .getSingleResult();
    }

    /** The episode not lifted yet, if any. */
    public Optional<Episode> findActive() {
        return find("liftedAt is null").firstResultOptional();
    }

    /** The episode, locked until the transaction ends. */
    public Optional<Episode> findLocked(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** One page of the episodes, the latest start first. */
    public List<Episode> listNewestFirst(PageRequest page) {
        return find("order by startsAt desc, id").page(page.page, page.size).list();
    }
}
