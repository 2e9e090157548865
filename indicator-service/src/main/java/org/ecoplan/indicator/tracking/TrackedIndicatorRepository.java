package org.ecoplan.indicator.tracking;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class TrackedIndicatorRepository implements PanacheRepositoryBase<TrackedIndicator, String> {

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
