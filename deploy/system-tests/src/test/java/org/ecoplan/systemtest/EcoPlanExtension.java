package org.ecoplan.systemtest;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes the running EcoPlan: started once for the whole test run (starting it takes most of a
 * minute on two cores) and stopped when the run ends. Each test works on its own departments, measures and
 * subscriptions, so the order of the classes does not matter.
 */
final class EcoPlanExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningEcoPlan.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // The root store closes AutoCloseable values when the whole run ends.
        return context.getRoot().getStore(ExtensionContext.Namespace.create(EcoPlanExtension.class))
                .computeIfAbsent(RunningEcoPlan.class, any -> RunningEcoPlan.start(), RunningEcoPlan.class);
    }
}
