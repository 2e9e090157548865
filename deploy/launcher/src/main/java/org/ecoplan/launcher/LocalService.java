package org.ecoplan.launcher;

import java.nio.file.Path;
import java.util.Map;

import org.ecoplan.infrastructure.Settings;

/** The four EcoPlan services as the local run and the system tests start them. */
public enum LocalService {

    PLAN("plan-service", 8081, "ECOPLAN_PLAN_PORT", "ecoplan_plan"),
    PROGRESS("progress-service", 8082, "ECOPLAN_PROGRESS_PORT", "ecoplan_progress"),
    INDICATOR("indicator-service", 8083, "ECOPLAN_INDICATOR_PORT", "ecoplan_indicator"),
    NOTIFICATION("notification-service", 8084, "ECOPLAN_NOTIFICATION_PORT", "ecoplan_notification");

    /** The seed document that plan-service loads on its first start. */
    public static final String SEED_FILE = "seeds/000_81ef91949f25cf71.txt";

    private final String folder;
    private final int defaultPort;
    private final String portVariable;
    private final String database;

    LocalService(String folder, int defaultPort, String portVariable, String database) {
        this.folder = folder;
        this.defaultPort = defaultPort;
        this.portVariable = portVariable;
        this.database = database;
    }

    /** @return the service's name, which is also its module folder */
    public String serviceName() {
        return folder;
    }

    public String database() {
        return database;
    }

    public String portVariable() {
        return portVariable;
    }

    /** @return the local run's port: {@link #portVariable()} if set, else the default (8081-8084) */
    public int port() {
        String value = Settings.lookup(portVariable).orElse(Integer.toString(defaultPort));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(portVariable + " must be a port number, not " + value, e);
        }
    }

    /** @return the Quarkus fast-jar that {@code mvn package} builds */
    public Path jar(Path root) {
        return root.resolve(folder).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** @return environment this service needs beyond database, broker and token settings */
    Map<String, String> extraEnvironment(LocalFolders folders) {
        return switch (this) {
            case PLAN -> Map.of("ECOPLAN_CATALOGUE_SEED_FILE", folders.root().resolve(SEED_FILE).toString());
            case NOTIFICATION -> Map.of("ECOPLAN_WEBHOOKS_SECRET_ENCRYPTION_KEY",
                    WebhookSecretKey.loadOrCreate(folders.keys()));
            default -> Map.of();
        };
    }
}
