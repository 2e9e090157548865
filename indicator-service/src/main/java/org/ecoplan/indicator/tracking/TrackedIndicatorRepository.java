package org.ecoplan.indicator.tracking;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class TrackedIndicatorRepository implements PanacheRepositoryBase<TrackedIndicator, String> {

    /** Advisory lock key of target derivation ("TARGETS" in ASCII). */
    private static final long DERIVATION_LOCK = 0x54415247455453L;

    /**
     * Holds the derivation lock until the transaction ends (a transaction-scoped advisory lock): the catalogue consumer
     * and the catch-up must not derive the same entity at once (duplicate rows), on any replica.
     */
    public void lockDerivation() {
        getEntityManager().createNativeQuery("select 1 from (select pg_advisory_xact_lock(?1)) as locked")
                .setParameter(1, DERIVATION_LOCK).getSingleResult();
    }

    /** Confirmed and present: the ones that are judged. */
    public List<TrackedIndicator> tracked() {
        return list("reviewState = ?1 and removed = false order by origin, number, id", ReviewState.CONFIRMED);
    }

    /** A district's 附件4 indicators of one year, by number (index tracked_indicator_listing). */
    public List<TrackedIndicator> ofTable(String district, int year) {
        return list("year = ?1 and origin = ?2 and reviewState = ?3 and district = ?4 and removed = false order by number",
                year, Origin.TABLE, ReviewState.CONFIRMED, district);
    }

    public List<TrackedIndicator> ofMeasure(String measureId) {
        return list("measureId", measureId);
    }

    public List<TrackedIndicator> confirmedOfMeasure(String measureId) {
        return list("measureId = ?1 and reviewState = ?2 and removed = false", measureId, ReviewState.CONFIRMED);
    }

    /** Indicators whose department lists name {@code code} (GIN-indexed JSON containment). */
    @SuppressWarnings("unchecked")
    public List<TrackedIndicator> ofDepartment(String code) {
        String json = "[\"" + code.replace("\"", "") + "\"]";
        return getEntityManager().createNativeQuery("""
                select * from tracked_indicator
                where removed = false and review_state = 'CONFIRMED'
                  and (lead_departments @> cast(?1 as jsonb) or cooperating_departments @> cast(?1 as jsonb))
                order by origin, number, id""", TrackedIndicator.class).setParameter(1, json).getResultList();
    }
}
