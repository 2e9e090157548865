package org.ecoplan.progress;

import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.fuzz.OpenApiFuzzer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Every operation of progress-service's OpenAPI document, fed malformed input: 4xx problems only, nothing
 * written (envLedMeasure 16). The variants carry a real measure, a real draft report of ENV and its ETag, so
 * that the one broken thing in each is all that stands between it and a write.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class ProgressApiFuzzTest extends ProgressTestSupport {

    @Test
    void answersEveryMalformedRequestWithAProblemAndWritesNothing() {
        String measure = envLedMeasure(16).id();
        JsonPath draft = created(ENV_REPORTER, adHoc(measure, "ON_TRACK", 10, false));
        OpenApiFuzzer.forService("progress-service")
                .department("ENV")
                .knownValue("measureId", measure)
                .knownValue("id", draft.getString("id"))
                .knownValue("If-Match", etag(draft))
                .knownValue("code", "ENV")
                .run()
                .assertClean();
    }
}
