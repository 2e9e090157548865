package org.ecoplan.plan.importing;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The shipped department registry, read once. */
public class RegistryProducer {

    @Produces
    @Singleton
    DepartmentRegistry registry() {
        return DepartmentRegistry.loadDefault();
    }
}
