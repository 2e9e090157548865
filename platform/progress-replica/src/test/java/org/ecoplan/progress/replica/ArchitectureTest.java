package org.ecoplan.progress.replica;

import org.ecoplan.testing.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The platform depends on no service (see {@link ArchitectureRules}): a broken direction fails the build. */
class ArchitectureTest {

    @Test
    void dependsOnNoService() {
        ArchitectureRules.checkPlatform("org.ecoplan.progress.replica");
    }
}
