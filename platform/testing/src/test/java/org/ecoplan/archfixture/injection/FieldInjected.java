package org.ecoplan.archfixture.injection;

import jakarta.inject.Inject;

/** Breaks noFieldInjection: its dependency is injected into a field. */
public class FieldInjected {

    @Inject
    ConstructorInjected dependency;
}
