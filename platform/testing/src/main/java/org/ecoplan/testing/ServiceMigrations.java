package org.ecoplan.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import org.flywaydb.core.Flyway;

/**
 * The service's own Flyway migrations (the locations its {@code application.properties} lists, shared modules' included)
 * against a schema of the test's own, up to a given version: an upgrade test migrates to the version before a change,
 * writes rows as the old code did, then migrates on and checks what the change made of them.
 */
public final class ServiceMigrations {

    private ServiceMigrations() {
    }

    /** Flyway over {@code schema} of the test database, stopping at {@code targetVersion} ("latest" for all). */
    public static Flyway upTo(String schema, String targetVersion) {
        Properties configuration = new Properties();
        try (InputStream in = ServiceMigrations.class.getResourceAsStream("/application.properties")) {
            if (in == null) {
                throw new IllegalStateException("No application.properties on the test class path");
            }
            configuration.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String locations = configuration.getProperty("quarkus.flyway.locations");
        if (locations == null) {
            throw new IllegalStateException("application.properties names no quarkus.flyway.locations");
        }
        return Flyway.configure().dataSource(TestInfrastructure.jdbcUrl(), TestInfrastructure.username(), TestInfrastructure.password())
                .schemas(schema).locations(locations.split(",")).target(targetVersion).load();
    }
}
