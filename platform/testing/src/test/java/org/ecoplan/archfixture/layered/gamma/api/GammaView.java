package org.ecoplan.archfixture.layered.gamma.api;

/** Fixture of ArchitectureRulesTest: an HTTP view. */
public record GammaView(String name) {
}
