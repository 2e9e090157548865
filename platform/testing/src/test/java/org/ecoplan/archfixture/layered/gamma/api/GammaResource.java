package org.ecoplan.archfixture.layered.gamma.api;

import org.ecoplan.archfixture.layered.delta.Delta;
import org.ecoplan.archfixture.layered.gamma.Gamma;

/** Fixture of ArchitectureRulesTest: an api reads its own domain and another feature's (allowed). */
public class GammaResource {
    public GammaView get() {
        return new GammaView(new Gamma().name() + new Delta().name());
    }
}
