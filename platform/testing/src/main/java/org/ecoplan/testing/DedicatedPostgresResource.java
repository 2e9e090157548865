package org.ecoplan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.ecoplan.infrastructure.FreePort;
import org.ecoplan.infrastructure.PostgresServer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The shared test database must never go down, so a test that stops PostgreSQL gets a server of its own: started
 * here on a fixed port in its own data folder, so that the test can stop it ({@link #stopDatabase()}, a fast
 * shutdown that ends every session as a restart does) and start it again on the same folder and port
 * ({@link #startDatabase()}), with its data. Kafka is the shared broker. Use it on its own test class:
 * {@code @WithTestResource(DedicatedPostgresResource.class)}.
 */
public class DedicatedPostgresResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATA_DIRECTORY = "ecoplan.test.dedicated-postgres.data-directory";
    public static final String PORT = "ecoplan.test.dedicated-postgres.port";
    private static final String DATABASE = "ecoplan_dedicated";

    private Path folder;

    @Override
    public Map<String, String> start() {
        folder = Path.of(System.getProperty("java.io.tmpdir"), "dedicated-postgres-" + UUID.randomUUID()).toAbsolutePath();
        int port = FreePort.pick();
        PostgresServer server = PostgresServer.start(folder.resolve("data"), port, folder.resolve("postgres.log"));
        server.createDatabaseIfMissing(DATABASE);

        var config = new HashMap<>(TestInfrastructure.quarkusConfig());
        config.put("quarkus.datasource.jdbc.url", server.jdbcUrl(DATABASE));
        config.put("quarkus.datasource.username", server.user());
        config.put("quarkus.datasource.password", server.password());
        config.put(DATA_DIRECTORY, folder.resolve("data").toString());
        config.put(PORT, String.valueOf(port));
        return config;
    }

    @Override
    public void stop() {
        if (folder != null) {
            PostgresServer.stopLeftover(folder.resolve("data"));
            deleteRecursively(folder);
        }
    }

    // The helpers below read the application's configuration, not injected values: every test class is a bean
    // of every test application, and the others have no dedicated database.

    /** Stops the dedicated PostgreSQL of the running test application (fast shutdown: sessions end at once). */
    public static void stopDatabase() {
        PostgresServer.stopLeftover(config().getValue(DATA_DIRECTORY, Path.class));
    }

    /** Starts the dedicated PostgreSQL again, on its folder and port, unless it is running. */
    public static void startDatabase() {
        Config config = config();
        int port = config.getValue(PORT, Integer.class);
        if (!FreePort.isListening(port)) {
            Path data = config.getValue(DATA_DIRECTORY, Path.class);
            // The first start's EmbeddedPostgres still holds its JVM-wide lock on data/epg-lock: a new lock file
            // (a new inode) lets the second start take its own.
            try {
                Files.deleteIfExists(data.resolve("epg-lock"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            PostgresServer.start(data, port, data.resolveSibling("postgres.log"));
        }
    }

    private static Config config() {
        return ConfigProvider.getConfig();
    }

    private static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // A leftover folder under target/ does no harm.
        }
    }
}
