package org.ecoplan.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ServiceJvmOptionsTest {

    /** The parent POM's service.jvm-options, filtered into the jar: the images run with the same ones. */
    @Test
    void localServicesRunWithTheParentPomsJvmOptions() {
        var options = EcoPlanStack.SERVICE_JVM_OPTIONS;

        assertTrue(options.contains("-Xmx160m"), options.toString());
        assertTrue(options.contains("-XX:+UseSerialGC"), options.toString());
        assertTrue(options.contains("-XX:+ExitOnOutOfMemoryError"), options.toString());
        assertFalse(options.stream().anyMatch(option -> option.contains("${") || option.contains(",") || option.isBlank()),
                options.toString());
    }
}
