package org.ecoplan.plan;

import org.ecoplan.testing.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The dependency directions of plan-service (see {@link ArchitectureRules}): a broken one fails the build. */
class ArchitectureTest {

    @Test
    void dependenciesPointOneWay() {
        ArchitectureRules.checkService("org.ecoplan.plan");
    }
}
