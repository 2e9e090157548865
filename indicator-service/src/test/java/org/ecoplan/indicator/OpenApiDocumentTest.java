package org.ecoplan.indicator;

import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.contract.OpenApiDocumentChecks;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The live OpenAPI document has no lint error and is the committed snapshot src/main/openapi/openapi.json. */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class OpenApiDocumentTest extends OpenApiDocumentChecks {
}
