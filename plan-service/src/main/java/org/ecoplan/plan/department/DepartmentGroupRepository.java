package org.ecoplan.plan.department;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
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

    /** The groups the department belongs to, in code order (members not fetched). */
    public List<DepartmentGroup> listContaining(UUID departmentId) {
        return find("select g from DepartmentGroup g join g.members m where m.id = ?1 order by g.code", departmentId).list();
    }

    /** Loads the members of the groups {@code ids} (already loaded or not) in one query, for mapping without lazy loads. */
    public void fetchMembers(Collection<UUID> ids) {
        if (!ids.isEmpty()) {
            find("select g from DepartmentGroup g left join fetch g.members where g.id in ?1", ids).list();
        }
    }

    /** One district's groups with their members in one query. */
    public List<DepartmentGroup> listWithMembers(String district) {
        return find("select distinct g from DepartmentGroup g left join fetch g.members where g.district = ?1 order by g.code",
                district).list();
    }
}
