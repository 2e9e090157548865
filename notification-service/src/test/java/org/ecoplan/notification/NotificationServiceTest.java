package org.ecoplan.notification;

import org.ecoplan.catalogue.replica.CatalogueReplicaServiceTest;
import org.ecoplan.testing.RealInfrastructureResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class NotificationServiceTest extends CatalogueReplicaServiceTest {

    @Override
    protected String openApiTitle() {
        return "EcoPlan notification-service";
    }
}
