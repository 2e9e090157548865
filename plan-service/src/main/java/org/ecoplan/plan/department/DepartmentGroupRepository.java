package org.ecoplan.plan.department;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class DepartmentGroupRepository implements PanacheRepositoryBase<DepartmentGroup, UUID> {

    public Optional<DepartmentGroup> findByCode(String code) {
        return find("code", code).firstResultOptional();
    }

    /** All groups with their members in one query (no N+1 over the member lists). */
    public List<DepartmentGroup> listWithMembers() {
        return find("select distinct g from DepartmentGroup g left join fetch g.members order by g.code").list();
    }

    /** One district's groups with their members in one query. */
    public List<DepartmentGroup> listWithMembers(String district) {
        return find("select distinct g from DepartmentGroup g left join fetch g.members where g.district = ?1 order by g.code",
                district).list();
    }
}
