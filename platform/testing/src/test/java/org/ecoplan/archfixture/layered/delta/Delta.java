package org.ecoplan.archfixture.layered.delta;

/** Fixture of ArchitectureRulesTest: the bottom feature. */
public class Delta {
    public String name() {
        return "delta";
    }
}
