package org.ecoplan.plan.department;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class DepartmentRepository implements PanacheRepositoryBase<Department, UUID> {

    public Optional<Department> findByCode(String code) {
        return find("code", code).firstResultOptional();
    }

    /** The registry in code order, of one kind and of one district (with the city's) when given. */
    public PanacheQuery<Department> page(DepartmentKind kind, String district) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (kind != null) {
            where.append(" and kind = :kind");
            parameters.and("kind", kind);
        }
        if (district != null) {
            where.append(" and (district = :district or district is null)");
            parameters.and("district", district);
        }
        return find(where + " order by code", parameters);
    }

    /** The departments a plan of that district may name: the district's own and the city's. */
    public List<Department> listServing(String district) {
        return list("district = ?1 or district is null", district);
    }
}
