package org.ecoplan.testing.contract;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

/**
 * Puts {@link OpenApiValidationFilter} in front of every RestAssured request of every {@code @QuarkusTest} (found
 * by Quarkus through {@code META-INF/services}, so no test has to ask for it). Runs in the test's class loader,
 * where the test's RestAssured lives.
 */
public class OpenApiValidationCallback implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (!RestAssured.filters().contains(OpenApiValidationFilter.INSTANCE)) {
            RestAssured.filters(OpenApiValidationFilter.INSTANCE);
        }
    }
}
