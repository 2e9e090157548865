package org.ecoplan.archfixture.injection;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Breaks noFieldInjection without {@code @Inject}: Quarkus injects a qualified field all the same. */
public class ConfiguredField {

    @ConfigProperty(name = "ecoplan.fixture.size")
    int size;
}
