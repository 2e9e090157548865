package org.ecoplan.archfixture.cyclic.alpha;

import org.ecoplan.archfixture.cyclic.beta.Beta;

/** Fixture of ArchitectureRulesTest: alpha and beta import each other. */
public class Alpha {
    public Beta beta() {
        return new Beta();
    }
}
