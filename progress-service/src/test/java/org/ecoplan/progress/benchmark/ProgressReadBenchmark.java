package org.ecoplan.progress.benchmark;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.catalogue.replica.CatalogueReplica;
import org.ecoplan.testing.Profile;
import org.ecoplan.testing.ReadLatency;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.SeedCatalogue;
import org.ecoplan.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.awaitility.Awaitility.await;

/**
 * Latency of report lists, the change feed, status and to-do reads with a city's year of reports in the table
 * (10^6 by default: 10,600 measures × 12 months × ~8 departments), and of a report write (one transaction with
 * its history and outbox rows). Not part of the suite: {@code mvn -B -pl progress-service -am verify -Pbenchmark}.
 * Writes {@code progress-service/target/benchmarks/progress-reads.md}. The bulk rows are inserted with SQL (the
 * API would take hours for a million); the reads and the writes go over HTTP. With {@code -Dbenchmark.profile=cpu} (or
 * wall, alloc, lock) the to-do list is sent once more as often, under async-profiler, after the timed reads.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
@Tag("benchmark")
class ProgressReadBenchmark {

    private static final int REPORTS = Integer.getInteger("benchmark.reports", 1_000_000);
    private static final int REQUESTS = Integer.getInteger("benchmark.requests", 400);
    private static final int MEASURES = 10_600;
    /** The read {@code -Dbenchmark.profile=cpu|wall|alloc|lock} profiles ({@link Profile}), after the timed ones. */
    private static final String PROFILED = "ENV's to-do list";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI base;

    @Inject
    DataSource dataSource;

    @Inject
    CatalogueReplica replica;

    @Test
    void readsStayFastWithAMillionReports() throws Exception {
        SeedCatalogue.publishOnce();
        // Generous: on a shared 2-core machine at load 30 the seed catalogue took more than a minute to replicate.
        await().atMost(Duration.ofMinutes(5)).until(() -> replica.count(MeasureState.class) >= SeedCatalogue.measures().size());
        MeasureState envMeasure = SeedCatalogue.measure(measure -> measure.assignments().stream()
                .anyMatch(assignment -> "ENV".equals(assignment.departmentCode()) && "LEAD".equals(assignment.role())));
        long loadStart = System.nanoTime();
        long rows = load(envMeasure.id());
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

        String supervisor = "Bearer " + Tokens.token(Set.of("supervisor"), "ENV", "benchmark");
        String reporter = "Bearer " + Tokens.token(Set.of("reporter"), "ENV", "benchmark-reporter");
        Map<String, String[]> reads = new LinkedHashMap<>();
        reads.put("reports, first page (50), all", new String[] { "reports?size=50", supervisor });
        reads.put("reports, deep page (page 200)", new String[] { "reports?size=50&page=200", supervisor });
        reads.put("reports of one department (reporter)", new String[] { "reports?size=50", reporter });
        reads.put("reports of one measure", new String[] { "reports?measure=m-42&size=50", supervisor });
        reads.put("reports waiting for review (SUBMITTED)", new String[] { "reports?state=SUBMITTED&size=50", supervisor });
        reads.put("reports of one month", new String[] { "reports?period=2026-05&size=50", supervisor });
        reads.put("reports AT_RISK", new String[] { "reports?status=AT_RISK&size=50", supervisor });
        reads.put("change feed, 100 after a cursor", new String[] { "reports/changes?since=500000&size=100", supervisor });
        reads.put("change feed of one department", new String[] { "reports/changes?since=500000&size=100&department=ENV", supervisor });
        reads.put("one measure's official status", new String[] { "measures/" + envMeasure.id() + "/status", supervisor });
        reads.put(PROFILED, new String[] { "departments/ENV/todo", reporter });

        ReadLatency latency = new ReadLatency(REQUESTS);
        StringBuilder table = new StringBuilder("| read | statements | HTTP p50 ms | HTTP p95 ms | HTTP p99 ms | HTTP max ms"
                + " | SQL p50 ms | SQL p99 ms | ratio p50 | ratio p99 |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder issuedSql = new StringBuilder("# SQL each read made PostgreSQL run (from its log)\n");
        Optional<IssuedStatements> capture = IssuedStatements.open(dataSource);
        try {
            for (Map.Entry<String, String[]> read : reads.entrySet()) {
                HttpRequest request = HttpRequest.newBuilder(base.resolve(read.getValue()[0]))
                        .header("Authorization", read.getValue()[1]).GET().build();
                double[] http = latency.time(request);
                table.append(String.format("| %s | ", read.getKey()));
                if (capture.isEmpty()) {
                    table.append(String.format("– | %.1f | %.1f | %.1f | %.1f | – | – | – | – |%n", ReadLatency.percentile(http, 50),
                            ReadLatency.percentile(http, 95), ReadLatency.percentile(http, 99), http[http.length - 1]));
                    continue;
                }
                List<IssuedStatements.Statement> statements = capture.get().capture(() -> sendOnce(request));
                double[] sql = replayLatency(statements);
                table.append(String.format("%d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |%n", statements.size(),
                        ReadLatency.percentile(http, 50), ReadLatency.percentile(http, 95), ReadLatency.percentile(http, 99),
                        http[http.length - 1], ReadLatency.percentile(sql, 50), ReadLatency.percentile(sql, 99),
                        ReadLatency.percentile(http, 50) / ReadLatency.percentile(sql, 50),
                        ReadLatency.percentile(http, 99) / ReadLatency.percentile(sql, 99)));
                issuedSql.append("\n## ").append(read.getKey()).append(" (").append(read.getValue()[0]).append(")\n\n```sql\n");
                statements.forEach(statement -> issuedSql.append(statement.sql()).append(";\n-- parameters: ")
                        .append(statement.parameters()).append("\n"));
                try (Connection connection = dataSource.getConnection()) {
                    issuedSql.append("```\n\nEXPLAIN (ANALYZE, BUFFERS):\n\n```\n")
                            .append(IssuedStatements.explain(connection, statements)).append("```\n");
                }
            }
        } finally {
            if (capture.isPresent()) {
                capture.get().close();
            }
        }
        // Profiled apart from the timed loops, so that sampling does not weigh on the figures in the table.
        StringBuilder profiled = new StringBuilder();
        Profile profile = Profile.start(Profile.requested());
        if (profile.active()) {
            String[] todo = reads.get(PROFILED);
            latency.time(HttpRequest.newBuilder(base.resolve(todo[0])).header("Authorization", todo[1]).GET().build());
            profile.stopInto(profiled, "progress-reads-todo", PROFILED + " (" + REQUESTS + " requests after " + REQUESTS / 4
                    + " warm-up)");
        }
        double[] writes = writeLatency(envMeasure.id(), reporter);
        ReadLatency.write("Progress read latency", String.format("%,d reports on %,d measures (loaded by SQL in %.0f s); "
                + "%d sequential requests per read after %d warm-up. SQL: the statements the read made PostgreSQL run (its "
                + "log), replayed over JDBC on one connection as often (%s). Ratio: HTTP over SQL. Report write (POST "
                + "/reports, submitted: report + history + outbox rows in one transaction), %d sequential: p50 %.1f ms, "
                + "p99 %.1f ms. Load average at the end: %s.",
                rows, MEASURES, loadSeconds, REQUESTS, REQUESTS / 4,
                capture.isPresent() ? "statements in target/benchmarks/progress-reads-statements.md"
                        : "not measured: PostgreSQL is not this JVM's own, so its logging was left alone",
                writes.length, ReadLatency.percentile(writes, 50), ReadLatency.percentile(writes, 99), loadAverage()),
                table.toString() + profiled, Path.of("target/benchmarks/progress-reads.md"));
        if (capture.isPresent()) {
            Files.writeString(Path.of("target/benchmarks/progress-reads-statements.md"), issuedSql, StandardCharsets.UTF_8);
        }
    }

    /** Replays the statements on one connection of the pool, as often as the HTTP read was sent. */
    private double[] replayLatency(List<IssuedStatements.Statement> statements) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return ReadLatency.sample(REQUESTS, () -> IssuedStatements.replay(connection, statements));
        }
    }

    private static void sendOnce(HttpRequest request) throws IOException, InterruptedException {
        int status = CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 200) {
            throw new AssertionError(request.uri() + " answered " + status);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** @return the rows in the table (the generated combinations of measure, department and month are unique) */
    private long load(String envMeasureId) throws SQLException {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute("""
                    insert into progress_report (id, measure_id, plan_id, task_id, department_code, department_role, reporter,
                        kind, period, state, status, percent_complete, narrative, measured_values, created_at, updated_at,
                        submitted_at, revision, change_seq)
                    select gen_random_uuid(),
                           case when i %% 9973 = 0 then '%s' else 'm-' || ((i / 8) %% %d) end,
                           'plan-' || (i %% 150), 'task-' || (i %% 4850),
                           (array['ENV','WATER','TRANSPORT','HOUSING','URBAN-MGMT','COMMERCE','BAIQUAN','KANGZHUANG'])[1 + i %% 8],
                           'LEAD', 'reporter-' || (i %% 500), 'MONTHLY',
                           -- one report per measure, department and month: beyond ~10^6 reports (every month of
                           -- 2026 taken) the earlier years fill, so -Dbenchmark.reports=10000000 loads ten years
                           (2026 - (i / %d) / 12)::text || '-' || lpad((1 + (i / %d) %% 12)::text, 2, '0'),
                           (array['DRAFT','SUBMITTED','APPROVED','APPROVED','APPROVED','RETURNED'])[1 + i %% 6],
                           (array['NOT_STARTED','ON_TRACK','ON_TRACK','AT_RISK','DELAYED','COMPLETED'])[1 + (i / 7) %% 6],
                           (i %% 101), '已按计划推进，完成阶段性工作。', '[]'::jsonb,
                           now() - make_interval(secs => %d - i), now() - make_interval(secs => %d - i),
                           now() - make_interval(secs => %d - i), 1, i
                    from generate_series(1, %d) as i
                    on conflict do nothing""".formatted(envMeasureId, MEASURES, MEASURES * 8, MEASURES * 8, REPORTS, REPORTS, REPORTS, REPORTS));
            statement.execute("select setval('report_change_seq', (select max(change_seq) from progress_report))");
            // What autovacuum does after a bulk of inserts: statistics, and the visibility map that lets counts
            // be answered from the indexes alone.
            statement.execute("vacuum (analyze) progress_report");
            try (var count = statement.executeQuery("select count(*) from progress_report")) {
                count.next();
                return count.getLong(1);
            }
        }
    }

    /** POSTs ad-hoc submitted reports one after the other; milliseconds per write, sorted. */
    private double[] writeLatency(String measureId, String reporter) {
        int count = Math.max(50, REQUESTS / 2);
        double[] millis = new double[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            given().header("Authorization", reporter).contentType("application/json")
                    .body("{\"measureId\":\"" + measureId + "\",\"kind\":\"AD_HOC\",\"status\":\"ON_TRACK\","
                            + "\"percentComplete\":40,\"narrative\":\"现场检查\",\"submit\":true}")
                    .when().post("/reports").then().statusCode(201);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis;
    }
}
