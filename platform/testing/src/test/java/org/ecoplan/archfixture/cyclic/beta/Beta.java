package org.ecoplan.archfixture.cyclic.beta;

import org.ecoplan.archfixture.cyclic.alpha.Alpha;

/** Fixture of ArchitectureRulesTest: alpha and beta import each other. */
public class Beta {
    public Alpha alpha() {
        return new Alpha();
    }
}
