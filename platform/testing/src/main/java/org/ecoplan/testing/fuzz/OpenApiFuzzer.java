package org.ecoplan.testing.fuzz;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import org.ecoplan.testing.Tokens;
import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.RestAssured;

/**
 * A fuzz test generated from a service's own OpenAPI document ({@code /q/openapi}). For every operation it
 * sends malformed variants of a plausible request ({@link Variants}: NUL characters and unpaired surrogates in
 * every path, query, header and body string, unparseable and overflowing numbers, page numbers past any list,
 * wrong JSON types, duplicate keys, trailing content, empty and non-JSON bodies, wrong content types), each
 * with the token of a role that may call the operation, and checks that every answer is a 4xx
 * {@code application/problem+json} (a 400 naming the field) and that the service's database did not change.
 * Deterministic for a seed: same document, same requests.
 *
 * <pre>
 * FuzzReport report = OpenApiFuzzer.forService("plan-service").run();
 * report.assertClean();
 * </pre>
 */
public final class OpenApiFuzzer {

    /** The roles tried, in this order, to find one that may call an operation. */
    private static final List<String> ROLES = List.of("admin", "supervisor", "reporter", "integrator");

    private final String service;
    private long seed = 20260601L;
    private String department = "ENV";
    private final Map<String, String> knownValues = new HashMap<>();
    private final Set<String> ignoredTables = new HashSet<>();
    private final Map<String, Set<String>> ignoredColumns = new HashMap<>();
    /** How long the database must stay unchanged before the fuzzing starts (background work settling). */
    private static final Duration QUIET_FOR = Duration.ofSeconds(2);

    private OpenApiFuzzer(String service) {
        this.service = service;
    }

    public static OpenApiFuzzer forService(String service) {
        return new OpenApiFuzzer(service);
    }

    public OpenApiFuzzer seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The {@code department} claim of the tokens (reporters may only touch their department's things). */
    public OpenApiFuzzer department(String code) {
        this.department = code;
        return this;
    }

    /**
     * A real value for a path, query or header parameter or a body field of this name (a report id that
     * exists, a measure of the caller's department), so that a variant reaches deeper than "not found".
     */
    public OpenApiFuzzer knownValue(String name, String value) {
        knownValues.put(name, value);
        return this;
    }

    /** Leaves a table that only background jobs write out of the no-write check. */
    public OpenApiFuzzer ignoringTable(String... tables) {
        ignoredTables.addAll(List.of(tables));
        return this;
    }

    /** Leaves columns that background jobs update (a delivery's next attempt) out of the no-write check. */
    public OpenApiFuzzer ignoringColumns(String table, String... columns) {
        ignoredColumns.computeIfAbsent(table, t -> new HashSet<>()).addAll(List.of(columns));
        return this;
    }

    public FuzzReport run() {
        URI base = URI.create(RestAssured.baseURI);
        int port = RestAssured.port;
        var config = ConfigProvider.getConfig();
        String jdbcUrl = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null);
        String password = config.getOptionalValue("quarkus.datasource.password", String.class).orElse(null);
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String role : ROLES) {
            tokens.put(role, Tokens.bearer(role, role.equals("integrator") ? null : department));
        }
        long started = System.nanoTime();
        try (WireClient client = new WireClient(base.getHost(), port);
                DatabaseFingerprint database = new DatabaseFingerprint(jdbcUrl, user, password, ignoredTables, ignoredColumns)) {
            JsonNode document = document(client);
            Random random = new Random(seed);
            Schemas schemas = new Schemas(document, random, knownValues);
            List<ApiOperation> operations = ApiOperation.read(document);
            FuzzReport report = new FuzzReport(service, operations.size());
            Map<String, String> before = settled(database);
            for (ApiOperation operation : operations) {
                if (!operation.hasInput()) {
                    report.withoutInput(operation.key());
                    continue;
                }
                List<Variant> variants = new Variants(operation, schemas, knownValues).all();
                String token = null;
                for (Variant variant : variants) {
                    if (token == null) {
                        token = probeRole(client, operation, variant, tokens, report);
                        continue;
                    }
                    check(operation, variant, send(client, variant, token), report);
                }
                Map<String, String> after = database.take();
                List<String> changed = DatabaseFingerprint.changed(before, after);
                if (!changed.isEmpty()) {
                    report.wrote(operation.key(), changed);
                    before = settled(database);
                } else {
                    before = after;
                }
            }
            report.finish(Duration.ofNanos(System.nanoTime() - started), database.tables());
            System.out.println(report.summary());
            return report;
        } catch (IOException | java.sql.SQLException e) {
            throw new IllegalStateException("Fuzzing " + service + " failed", e);
        }
    }

    /** The first role the operation does not refuse (401/403) decides the token of all its variants. */
    private String probeRole(WireClient client, ApiOperation operation, Variant variant, Map<String, String> tokens,
            FuzzReport report) {
        WireClient.Answer answer = null;
        for (String token : tokens.values()) {
            answer = send(client, variant, token);
            check(operation, variant, answer, report);
            if (answer.status() != 401 && answer.status() != 403) {
                return token;
            }
        }
        report.noRoleFits(operation.key());
        return tokens.get("admin");
    }

    private static WireClient.Answer send(WireClient client, Variant variant, String token) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(variant.headers());
        headers.add(Map.entry("Authorization", token));
        return client.send(variant.withHeaders(headers));
    }

    private void check(ApiOperation operation, Variant variant, WireClient.Answer answer, FuzzReport report) {
        report.count(answer.status());
        if ((answer.status() == WireClient.NO_ANSWER || answer.status() == 400) && answer.body().length == 0
                && variant.headers().stream().anyMatch(header -> header.getValue().chars().anyMatch(c -> c < 0x20 && c != '\t'))) {
            // The HTTP server's decoder (Netty) refuses a header with a control character with a bare 400 and
            // closes the connection before any application code runs: nothing was read, nothing written.
            report.droppedByServer();
            return;
        }
        if (answer.status() == 400 && answer.body().length == 0 && !isUri(variant.target())) {
            // Quarkus answers a request target that is not a URI at all (a broken %-escape) with a bare 400 before
            // any application code runs (VertxHttpRecorder; only -Dvertx.disableURIValidation turns it off).
            report.bareForNonUri();
            return;
        }
        if (!variant.mustRefuse() && answer.status() < 400) {
            report.extremeAnswered();
            return;
        }
        String problem = problemWith(answer);
        if (problem != null) {
            report.fail(operation.key(), variant.describe() + " -> " + answer.status() + " " + problem);
        }
    }

    private static boolean isUri(String target) {
        try {
            new URI(target);
            return true;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** Why the answer is not a 4xx problem naming the field, or null when it is. */
    static String problemWith(WireClient.Answer answer) {
        String body = new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8);
        if (answer.status() < 400 || answer.status() >= 500) {
            return "not a 4xx: " + abbreviate(body);
        }
        if (answer.contentType() == null || !answer.contentType().startsWith("application/problem+json")) {
            return "Content-Type " + answer.contentType() + " is not application/problem+json: " + abbreviate(body);
        }
        JsonNode problem;
        try {
            problem = Schemas.JSON.readTree(answer.body());
        } catch (IOException e) {
            return "the body is not JSON: " + abbreviate(body);
        }
        if (problem == null || problem.path("status").asInt() != answer.status()) {
            return "the problem's status is not the answer's: " + abbreviate(body);
        }
        if (answer.status() == 400 && problem.path("errors").path(0).path("field").asText("").isEmpty()) {
            return "a 400 that names no field: " + abbreviate(body);
        }
        return null;
    }

    /** The database once nothing has changed in it for {@link #QUIET_FOR}. */
    private Map<String, String> settled(DatabaseFingerprint database) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, String> last = database.take();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < QUIET_FOR.toNanos()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The database of " + service + " kept changing for a minute: "
                        + DatabaseFingerprint.changed(last, database.take()));
            }
            sleep(200);
            Map<String, String> now = database.take();
            if (!now.equals(last)) {
                last = now;
                quietSince = System.nanoTime();
            }
        }
        return last;
    }

    private static JsonNode document(WireClient client) throws IOException {
        WireClient.Answer answer = client.send(new Variant("the OpenAPI document", "GET", "/q/openapi?format=json",
                List.of(Map.entry("Accept", "application/json")), null, null, false));
        if (answer.status() != 200) {
            throw new IllegalStateException("/q/openapi answered " + answer.status());
        }
        return Schemas.JSON.readTree(answer.body());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /** What a run sent and found. */
    public static final class FuzzReport {

        private final String service;
        private final int operations;
        private final Map<Integer, Integer> statuses = new TreeMap<>();
        private final List<String> withoutInput = new ArrayList<>();
        private final List<String> noRole = new ArrayList<>();
        private final Map<String, List<String>> failures = new LinkedHashMap<>();
        private int requests;
        private int bareForNonUri;
        private int droppedByServer;
        private int extremeAnswered;
        private Duration took = Duration.ZERO;
        private int tables;

        FuzzReport(String service, int operations) {
            this.service = service;
            this.operations = operations;
        }

        void count(int status) {
            requests++;
            statuses.merge(status, 1, Integer::sum);
        }

        void extremeAnswered() {
            extremeAnswered++;
        }

        void droppedByServer() {
            droppedByServer++;
        }

        void bareForNonUri() {
            bareForNonUri++;
        }

        void withoutInput(String operation) {
            withoutInput.add(operation);
        }

        void noRoleFits(String operation) {
            noRole.add(operation);
        }

        void fail(String operation, String what) {
            failures.computeIfAbsent(operation, o -> new ArrayList<>()).add(what);
        }

        void wrote(String operation, List<String> tables) {
            fail(operation, "the database changed (tables " + tables + ")");
        }

        void finish(Duration took, int tables) {
            this.took = took;
            this.tables = tables;
        }

        public int requests() {
            return requests;
        }

        public int serverErrors() {
            return statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToInt(Map.Entry::getValue).sum();
        }

        public Map<Integer, Integer> statuses() {
            return Map.copyOf(statuses);
        }

        public List<String> failures() {
            List<String> all = new ArrayList<>();
            failures.forEach((operation, what) -> what.forEach(w -> all.add(operation + ": " + w)));
            return all;
        }

        public String summary() {
            return ("[fuzz] %s: %d requests to %d of %d operations (%d without input to fuzz: %s), 5xx: %d, answers %s"
                    + " (%d extreme values of reads answered normally;"
                    + " bare 400s from the HTTP server before any application code: %d for targets that are not URIs,"
                    + " %d for a control character in a header), %d tables watched, %.1f s%s")
                    .formatted(service, requests, operations - withoutInput.size(), operations, withoutInput.size(),
                            withoutInput, serverErrors(), statuses, extremeAnswered, bareForNonUri, droppedByServer, tables, took.toMillis() / 1000.0,
                            noRole.isEmpty() ? "" : "; no role was let through by " + noRole);
        }

        /** Fails listing every operation that answered wrongly or wrote, with the request that showed it. */
        public void assertClean() {
            List<String> all = failures();
            if (!all.isEmpty()) {
                throw new AssertionError(summary() + "\n" + all.size() + " wrong answers or writes:\n  "
                        + String.join("\n  ", all.subList(0, Math.min(all.size(), 80)))
                        + (all.size() > 80 ? "\n  …" : ""));
            }
        }
    }
}
