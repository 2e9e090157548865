package org.ecoplan.plan.benchmark;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.ecoplan.testing.Profile;
import org.ecoplan.testing.ReadLatency;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.Tokens;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Latency of the catalogue's list and tree reads on a city-sized catalogue: the seed loaded for many
 * districts (50 × 212 measures by default). Not part of the test suite: run it with
 * {@code mvn -B -pl plan-service -am verify -Pbenchmark}. It prints, and writes to
 * {@code plan-service/target/benchmarks/catalogue-reads.md}, p50/p95/p99 per read over a real HTTP
 * connection to the real PostgreSQL, and the SQL statements one request of each read costs (Hibernate's count).
 * It asserts only that every read succeeds: figures are for people. {@code -Dbenchmark.reads=detail} times only the
 * reads whose label contains that text; {@code -Dbenchmark.profile=cpu|wall|alloc} profiles the timed reads (see
 * {@link Profile}).
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
@Tag("benchmark")
class CatalogueReadBenchmark {

    private static final int DISTRICTS = Integer.getInteger("benchmark.districts", 50);
    private static final int REQUESTS = Integer.getInteger("benchmark.requests", 400);

    /** Only the reads whose label contains this ({@code -Dbenchmark.reads=detail}); all by default. */
    private static final String ONLY = System.getProperty("benchmark.reads", "");

    @TestHTTPResource("/")
    URI base;

    @Inject
    SessionFactory sessionFactory;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void measuresReadLatencyOnACitySizedCatalogue() throws Exception {
        String admin = "Bearer " + Tokens.token(Set.of("admin"), "ENV", "benchmark");
        String seed = Files.readString(Path.of("../seeds/000_81ef91949f25cf71.txt"), StandardCharsets.UTF_8);
        long loadStart = System.nanoTime();
        for (int i = 1; i < DISTRICTS; i++) {
            given().header("Authorization", admin).contentType("text/plain; charset=UTF-8")
                    .queryParam("district", "基准区" + i).body(seed).when().post("/imports").then().statusCode(201);
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        long measures = given().queryParam("size", 1).when().get("/measures").then().statusCode(200).extract()
                .jsonPath().getLong("totalItems");
        String planId = given().when().get("/plans").then().extract().jsonPath().getString("items[0].id");

        Map<String, String> reads = new LinkedHashMap<>();
        reads.put("measures, first page (50)", "measures?size=50");
        reads.put("measures, deep page", "measures?size=50&page=150");
        reads.put("measures led by ENV before October", "measures?department=ENV&role=LEAD&deadlineTo=2026-09-30&size=50");
        reads.put("measures of 百泉街道 (through groups)", "measures?department=BAIQUAN&size=50");
        reads.put("measures, keyword 新能源", "measures?q=%E6%96%B0%E8%83%BD%E6%BA%90&size=50");
        reads.put("plan tree (97 tasks' plan)", "plans/" + planId);
        reads.put("plans list", "plans?size=50");
        String oneDistrict = "district=" + URLEncoder.encode("基准区7", StandardCharsets.UTF_8) + "&year=2026";
        reads.put("measures of one district", "measures?size=50&" + oneDistrict);
        reads.put("departments with role counts, one district", "departments?" + oneDistrict);
        // Every district has its own 区生态环境局: 基准区7's code is derived from the district's name.
        String env = org.ecoplan.plan.importing.CityRegistry.loadDefault().forDistrict("基准区7").byName("区生态环境局")
                .orElseThrow().code();
        reads.put("department detail (区生态环境局), one district", "departments/" + env + "?" + oneDistrict);
        reads.put("indicators, one district", "indicators?" + oneDistrict);
        reads.put("departments with role counts, whole city", "departments");

        ReadLatency latency = new ReadLatency(REQUESTS);
        StringBuilder statements = new StringBuilder();
        Statistics statistics = sessionFactory.getStatistics();
        statistics.setStatisticsEnabled(true);
        Profile profile = Profile.NONE;
        for (Map.Entry<String, String> read : reads.entrySet()) {
            if (!read.getKey().contains(ONLY)) {
                continue;
            }
            HttpRequest request = HttpRequest.newBuilder(base.resolve(read.getValue())).GET().build();
            // Statements per request, counted on one request outside the timed runs (the count is the same every time).
            long before = statistics.getPrepareStatementCount();
            assertThat(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
            statements.append(String.format("| %s | %d |%n", read.getKey(), statistics.getPrepareStatementCount() - before));
            if (profile.active()) {
                profile.resume();
            } else {
                profile = Profile.start(Profile.requested());
            }
            latency.measure(read.getKey(), request);
            profile.pause();
        }
        statistics.setStatisticsEnabled(false);
        StringBuilder report = new StringBuilder(String.format("%d districts, %d measures; %d sequential requests per read "
                + "after %d warm-up; loading took %.1f s; load average %s.", DISTRICTS, measures, REQUESTS, REQUESTS / 4,
                loadSeconds, loadAverage()));
        profile.stopInto(report, "catalogue-reads", "the timed reads");
        latency.write("Catalogue read latency", report.toString(), Path.of("target/benchmarks/catalogue-reads.md"));
        System.out.println("\nSQL statements per request:\n\n| read | statements |\n|---|---:|\n" + statements);
        Files.writeString(Path.of("target/benchmarks/catalogue-reads.md"), "\nSQL statements per request:\n\n"
                + "| read | statements |\n|---|---:|\n" + statements, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static String loadAverage() {
        return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
