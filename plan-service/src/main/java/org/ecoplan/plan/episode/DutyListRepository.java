package org.ecoplan.plan.episode;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class DutyListRepository implements PanacheRepositoryBase<DutyList, Integer> {

    /**
     * The version the next import takes, with the list table locked until the transaction ends: one import at a time,
     * so that two never take the same number.
     */
    public int nextVersionLocked() {
        getEntityManager().createNativeQuery("lock table duty_list in exclusive mode").executeUpdate();
        Number last = (Number) getEntityManager().createNativeQuery("select coalesce(max(version), 0) from duty_list")
                .getSingleResult();
        return last.intValue() + 1;
    }

    /** The latest version, if any list was ever imported. */
    public Optional<DutyList> findLatest() {
        return find("order by version desc").firstResultOptional();
    }
}
