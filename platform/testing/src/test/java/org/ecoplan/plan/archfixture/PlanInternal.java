package org.ecoplan.plan.archfixture;

/** Fixture of ArchitectureRulesTest: a class of a service (plan-service's package, not its contract). */
public class PlanInternal {
}
