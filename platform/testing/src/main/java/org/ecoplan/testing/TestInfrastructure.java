package org.ecoplan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.ecoplan.infrastructure.KafkaBroker;
import org.ecoplan.infrastructure.PostgresServer;
import org.ecoplan.infrastructure.token.SigningKeys;

/**
 * The real PostgreSQL and Kafka broker of one test JVM, started at most once, plus the JWT key pair
 * of that JVM.
 *
 * <p>What is started: a throwaway PostgreSQL (unless {@code ECOPLAN_POSTGRES_URL} names one) with a
 * fresh database of a random name, and a Kafka broker (unless {@code ECOPLAN_KAFKA_BOOTSTRAP_SERVERS}
 * names one), both under {@code ${java.io.tmpdir}/ecoplan-test-infra/<pid>-<random>} (surefire points
 * {@code java.io.tmpdir} at {@code target/tmp}). A JVM shutdown hook stops them and deletes that
 * folder; on a configured server it drops the database instead. Folders of test JVMs that were
 * killed are cleaned up (their servers stopped) by the next test JVM.
 *
 * <p>Quarkus loads test classes, and so this class, in more than one class loader. The state that
 * must exist once per JVM therefore lives in system properties, and starting is guarded by a lock
 * that every class loader shares.
 */
public final class TestInfrastructure {

    /** {@code iss} of the test tokens, and {@code mp.jwt.verify.issuer} of the services under test. */
    public static final String ISSUER = "https://ecoplan.test/issuer";

    static final String JDBC_URL = "ecoplan.test.datasource.jdbc-url";
    static final String USERNAME = "ecoplan.test.datasource.username";
    static final String PASSWORD = "ecoplan.test.datasource.password";
    static final String BOOTSTRAP_SERVERS = "ecoplan.test.kafka.bootstrap-servers";
    static final String PUBLIC_KEY = "ecoplan.test.jwt.public-key";
    static final String PRIVATE_KEY = "ecoplan.test.jwt.private-key";
    static final String PUBLIC_KEY_FILE = "ecoplan.test.jwt.public-key-file";
    static final String START_FAILURE = "ecoplan.test.infrastructure.start-failure";

    /**
     * String literals are interned JVM-wide, so this one object is the same in every class loader:
     * exactly what a once-per-JVM start needs (and why it is a literal, not a computed string).
     */
    private static final Object JVM_WIDE_LOCK = "org.ecoplan.testing.TestInfrastructure.lock";
    private static final System.Logger LOG = System.getLogger(TestInfrastructure.class.getName());
    private static final String OWNER_SEPARATOR = "-";

    private TestInfrastructure() {
    }

    /**
     * Starts PostgreSQL and Kafka unless this JVM already did.
     *
     * @return the configuration a Quarkus service under test needs
     */
    public static Map<String, String> quarkusConfig() {
        ensureStarted();
        return Map.of(
                "quarkus.datasource.jdbc.url", System.getProperty(JDBC_URL),
                "quarkus.datasource.username", System.getProperty(USERNAME),
                "quarkus.datasource.password", System.getProperty(PASSWORD),
                "kafka.bootstrap.servers", System.getProperty(BOOTSTRAP_SERVERS),
                "mp.jwt.verify.publickey", publicKeyPem(),
                // The same key as a file, for services whose configuration reads the location.
                "mp.jwt.verify.publickey.location", System.getProperty(PUBLIC_KEY_FILE),
                "mp.jwt.verify.issuer", ISSUER);
    }

    /** @return the JDBC URL of this JVM's test database (starts the infrastructure if needed) */
    public static String jdbcUrl() {
        ensureStarted();
        return System.getProperty(JDBC_URL);
    }

    public static String username() {
        ensureStarted();
        return System.getProperty(USERNAME);
    }

    public static String password() {
        ensureStarted();
        return System.getProperty(PASSWORD);
    }

    /** @return {@code bootstrap.servers} of this JVM's broker (starts the infrastructure if needed) */
    public static String bootstrapServers() {
        ensureStarted();
        return System.getProperty(BOOTSTRAP_SERVERS);
    }

    /** @return the PEM public key that verifies {@link Tokens}' tokens */
    public static String publicKeyPem() {
        ensureKeys();
        return System.getProperty(PUBLIC_KEY);
    }

    static PrivateKey signingKey() {
        ensureKeys();
        return SigningKeys.readPrivateKey(System.getProperty(PRIVATE_KEY));
    }

    private static void ensureKeys() {
        synchronized (JVM_WIDE_LOCK) {
            if (System.getProperty(PRIVATE_KEY) == null) {
                KeyPair keys = SigningKeys.generate();
                System.setProperty(PUBLIC_KEY, SigningKeys.publicKeyPem(keys.getPublic()));
                System.setProperty(PRIVATE_KEY, SigningKeys.privateKeyPem(keys.getPrivate()));
            }
        }
    }

    private static void ensureStarted() {
        synchronized (JVM_WIDE_LOCK) {
            if (System.getProperty(BOOTSTRAP_SERVERS) != null) {
                return;
            }
            // Fail every later test class at once instead of waiting for the same timeout again.
            if (System.getProperty(START_FAILURE) != null) {
                throw new IllegalStateException("The test infrastructure failed to start earlier in this JVM: "
                        + System.getProperty(START_FAILURE));
            }
            try {
                start();
            } catch (RuntimeException e) {
                System.setProperty(START_FAILURE, String.valueOf(e.getMessage()));
                throw e;
            }
        }
    }

    private static void start() {
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "ecoplan-test-infra").toAbsolutePath();
        cleanUpAfterKilledJvms(base);
        Path own = base.resolve(ProcessHandle.current().pid() + OWNER_SEPARATOR + randomHex());

        // The broker takes longest; PostgreSQL starts meanwhile.
        CompletableFuture<KafkaBroker> kafka = CompletableFuture.supplyAsync(
                () -> KafkaBroker.configured().orElseGet(() -> KafkaBroker.start(own.resolve("kafka"), 0, 0)));
        PostgresServer postgres;
        String database = "ecoplan_test_" + randomHex();
        try {
            postgres = PostgresServer.configured().orElseGet(() -> PostgresServer.startThrowaway(own.resolve("postgres")));
            postgres.createDatabaseIfMissing(database);
        } catch (RuntimeException e) {
            kafka.thenAccept(KafkaBroker::close);
            throw e;
        }
        KafkaBroker broker;
        try {
            broker = kafka.join();
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(postgres, database, broker, own),
                "ecoplan-test-infrastructure-stop"));

        System.setProperty(JDBC_URL, postgres.jdbcUrl(database));
        System.setProperty(USERNAME, postgres.user());
        System.setProperty(PASSWORD, postgres.password());
        System.setProperty(PUBLIC_KEY_FILE, writePublicKey(own).toString());
        System.setProperty(BOOTSTRAP_SERVERS, broker.bootstrapServers());
        LOG.log(Level.INFO, "Test infrastructure: database {0}, Kafka {1}", postgres.jdbcUrl(database),
                broker.bootstrapServers());
    }

    private static Path writePublicKey(Path own) {
        Path file = own.resolve(SigningKeys.PUBLIC_KEY_FILE);
        try {
            Files.createDirectories(own);
            Files.writeString(file, publicKeyPem());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static void stop(PostgresServer postgres, String database, KafkaBroker broker, Path own) {
        try {
            broker.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not stop the Kafka broker", e);
        }
        try {
            if (!postgres.isStartedHere()) {
                postgres.dropDatabase(database);
            }
            postgres.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not clean up PostgreSQL", e);
        }
        deleteRecursively(own);
    }

    /** Stops what test JVMs that died without their shutdown hook left running, and deletes their folders. */
    private static void cleanUpAfterKilledJvms(Path base) {
        if (!Files.isDirectory(base)) {
            return;
        }
        try (Stream<Path> folders = Files.list(base)) {
            folders.filter(folder -> ownerPid(folder).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).isEmpty())
                    .forEach(folder -> {
                        KafkaBroker.stopLeftover(folder.resolve("kafka"));
                        PostgresServer.stopLeftover(folder.resolve("postgres"));
                        deleteRecursively(folder);
                    });
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not clean up " + base, e);
        }
    }

    private static Optional<Long> ownerPid(Path folder) {
        String name = folder.getFileName().toString();
        int separator = name.indexOf(OWNER_SEPARATOR);
        try {
            return separator > 0 ? Optional.of(Long.parseLong(name.substring(0, separator))) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
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
            LOG.log(Level.DEBUG, "Could not delete all of " + folder, e);
        }
    }

    private static String randomHex() {
        byte[] bytes = new byte[4];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
