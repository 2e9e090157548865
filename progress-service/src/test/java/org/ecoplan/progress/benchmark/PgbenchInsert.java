package org.ecoplan.progress.benchmark;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * PostgreSQL's own limit for the row a report writes: pgbench inserting one row per transaction into a copy of
 * {@code progress_report} ({@code like … including all}: the same columns, checks, primary key and seven indexes), a row as wide
 * as the benchmark's reports. pgbench comes from a PostgreSQL client installation: {@code -Dbenchmark.pgbench}, the
 * {@code PGBENCH} variable, the PATH, or {@code /usr/lib/postgresql/<version>/bin}; without one the column is skipped.
 */
final class PgbenchInsert {

    private static final Pattern TPS = Pattern.compile("(?m)^tps = ([0-9.]+)");
    private static final String TABLE = "bench_report_row";

    private final Path pgbench;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final Path work;

    private PgbenchInsert(Path pgbench, String jdbcUrl, String user, String password, Path work) {
        this.pgbench = pgbench;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.work = work;
    }

    /** @return pgbench on this machine, with a copy of the report table to insert into; empty without pgbench */
    static Optional<PgbenchInsert> prepare(String jdbcUrl, String user, String password, String narrative, Path work)
            throws SQLException, IOException {
        Optional<Path> binary = find();
        if (binary.isEmpty()) {
            return Optional.empty();
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                var statement = connection.createStatement()) {
            statement.execute("drop table if exists " + TABLE);
            statement.execute("create table " + TABLE + " (like progress_report including all)");
            statement.execute("create sequence if not exists " + TABLE + "_seq");
        }
        Files.createDirectories(work);
        // The same columns the service fills for a submitted monthly report; the slot is unique by the sequence.
        Files.writeString(work.resolve("insert.sql"), """
                insert into %s (id, measure_id, plan_id, task_id, department_code, department_role, reporter, kind, period,
                    state, status, percent_complete, narrative, measured_values, client_timestamp, created_at, updated_at,
                    submitted_at, revision, change_seq)
                values (gen_random_uuid(), 'YQ-2026-M-' || nextval('%s_seq'), 'YQ-2026-P-07', 'YQ-2026-T-031', 'ENV', 'LEAD',
                    'bench-reporter-ENV', 'MONTHLY', '2026-05', 'SUBMITTED', 'ON_TRACK', 60, '%s',
                    '[{"name": "完成企业数", "unit": "家", "value": 12}]', now(), now(), now(), now(), 2, currval('%s_seq'));
                """.formatted(TABLE, TABLE, narrative.replace("'", "''"), TABLE).replace("\n", " ").strip() + "\n",
                StandardCharsets.UTF_8);
        return Optional.of(new PgbenchInsert(binary.get(), jdbcUrl, user, password, work));
    }

    static String missing() {
        return "pgbench not found (-Dbenchmark.pgbench, PGBENCH, the PATH or /usr/lib/postgresql/*/bin): column skipped";
    }

    /** @return transactions per second at {@code clients} connections for {@code duration} */
    double tps(int clients, Duration duration) throws IOException, InterruptedException {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String database = uri.getPath().substring(1);
        ProcessBuilder builder = new ProcessBuilder(pgbench.toString(), "-n", "-h", uri.getHost(),
                "-p", String.valueOf(uri.getPort() < 0 ? 5432 : uri.getPort()), "-U", user,
                "-c", String.valueOf(clients), "-j", String.valueOf(Math.min(clients, 2)),
                "-T", String.valueOf(Math.max(1, duration.toSeconds())), "-f", "insert.sql", database)
                .directory(work.toFile()).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", password == null ? "" : password);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("pgbench failed:\n" + output);
        }
        Matcher tps = TPS.matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("No tps in pgbench's output:\n" + output);
        }
        return Double.parseDouble(tps.group(1));
    }

    void drop() throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                var statement = connection.createStatement()) {
            statement.execute("drop table if exists " + TABLE);
            statement.execute("drop sequence if exists " + TABLE + "_seq");
        }
    }

    private static Optional<Path> find() throws IOException {
        String named = System.getProperty("benchmark.pgbench", System.getenv("PGBENCH"));
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named)).filter(Files::isExecutable);
        }
        for (String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(folder.isEmpty() ? "." : folder, "pgbench");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        Path installed = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(installed)) {
            try (Stream<Path> versions = Files.list(installed)) {
                List<Path> found = versions.map(version -> version.resolve("bin/pgbench")).filter(Files::isExecutable).sorted().toList();
                if (!found.isEmpty()) {
                    return Optional.of(found.get(found.size() - 1));
                }
            }
        }
        return Optional.empty();
    }
}
