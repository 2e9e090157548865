package org.ecoplan.notification;

import org.ecoplan.testing.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The dependency directions of notification-service (see {@link ArchitectureRules}): a broken one fails the build. */
class ArchitectureTest {

    @Test
    void dependenciesPointOneWay() {
        ArchitectureRules.checkService("org.ecoplan.notification");
    }
}
