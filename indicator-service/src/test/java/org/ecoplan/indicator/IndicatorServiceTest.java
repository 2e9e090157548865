package org.ecoplan.indicator;

import org.ecoplan.catalogue.replica.CatalogueReplicaServiceTest;
import org.ecoplan.testing.RealInfrastructureResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class IndicatorServiceTest extends CatalogueReplicaServiceTest {

    @Override
    protected String openApiTitle() {
        return "EcoPlan indicator-service";
    }
}
