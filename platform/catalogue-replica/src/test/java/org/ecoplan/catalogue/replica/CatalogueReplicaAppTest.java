package org.ecoplan.catalogue.replica;

import org.ecoplan.testing.RealInfrastructureResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** What every replica-keeping service must do, run against this module's own small application. */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class CatalogueReplicaAppTest extends CatalogueReplicaServiceTest {

    @Override
    protected String openApiTitle() {
        return "EcoPlan catalogue replica test";
    }
}
