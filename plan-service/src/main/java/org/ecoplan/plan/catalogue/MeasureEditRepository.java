package org.ecoplan.plan.catalogue;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class MeasureEditRepository implements PanacheRepository<MeasureEdit> {

    public List<MeasureEdit> listByMeasure(UUID measureId) {
        return list("measureId = ?1 order by revision", measureId);
    }
}
