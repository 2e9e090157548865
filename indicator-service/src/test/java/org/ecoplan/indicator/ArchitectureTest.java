package org.ecoplan.indicator;

import org.ecoplan.testing.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The dependency directions of indicator-service (see {@link ArchitectureRules}): a broken one fails the build. */
class ArchitectureTest {

    @Test
    void dependenciesPointOneWay() {
        ArchitectureRules.checkService("org.ecoplan.indicator");
    }
}
