package org.ecoplan.infrastructure;

import java.util.Optional;

/**
 * Reads a setting from a system property first and from an environment variable second, so that
 * the same knob works on a command line ({@code -Dx=y}), in surefire configuration and in a shell.
 */
public final class Settings {

    private Settings() {
    }

    /**
     * @return the non-blank value of the system property, else of the environment variable
     */
    public static Optional<String> lookup(String systemProperty, String environmentVariable) {
        String value = System.getProperty(systemProperty);
        if (value == null || value.isBlank()) {
            value = System.getenv(environmentVariable);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** @return the non-blank value of the environment variable (or the system property of the same name) */
    public static Optional<String> lookup(String environmentVariable) {
        return lookup(environmentVariable, environmentVariable);
    }
}
