package org.ecoplan.archfixture.injection;

import jakarta.validation.constraints.NotNull;

/** Keeps noFieldInjection: its dependency comes through the constructor; an annotated record component is no injection. */
public class ConstructorInjected {

    private final Settings settings;

    ConstructorInjected(Settings settings) {
        this.settings = settings;
    }

    Settings settings() {
        return settings;
    }

    public record Settings(@NotNull String name) {
    }
}
