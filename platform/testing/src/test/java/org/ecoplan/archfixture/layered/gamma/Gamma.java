package org.ecoplan.archfixture.layered.gamma;

import org.ecoplan.archfixture.layered.delta.Delta;

/** Fixture of ArchitectureRulesTest: a domain class using another feature's domain (one way: allowed). */
public class Gamma {
    public String name() {
        return "gamma of " + new Delta().name();
    }
}
