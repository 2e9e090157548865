package org.ecoplan.archfixture.layered.delta;

import org.ecoplan.archfixture.layered.gamma.api.GammaView;
import org.ecoplan.plan.archfixture.PlanInternal;

/** Fixture of ArchitectureRulesTest: a domain class using an HTTP view, and another service's class. */
public class DeltaUsingGammaView {
    public GammaView view() {
        return new GammaView(new PlanInternal().toString());
    }
}
