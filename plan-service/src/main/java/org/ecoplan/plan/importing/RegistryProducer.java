package org.ecoplan.plan.importing;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The shipped city registry, read once. */
public class RegistryProducer {

    @Produces
    @Singleton
    CityRegistry registry() {
        return CityRegistry.loadDefault();
    }
}
