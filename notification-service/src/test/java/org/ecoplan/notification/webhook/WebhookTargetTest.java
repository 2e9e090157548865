package org.ecoplan.notification.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.catalogue.contract.DepartmentState;
import org.ecoplan.catalogue.replica.CatalogueReplica;
import org.ecoplan.notification.GreenMailResource;
import org.ecoplan.notification.ProgressPlayer;
import org.ecoplan.progress.contract.ProgressEvents;
import org.ecoplan.progress.contract.WorkflowState;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.SeedCatalogue;
import org.ecoplan.testing.Tokens;
import org.ecoplan.web.clock.BusinessClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Server-side request forgery and subscription filters, through the API and the dispatcher. Names under
 * {@code .test} (which no real DNS answers) resolve through a test resolver to what a hostile DNS server would
 * answer; 127.0.0.0/8 is allow-listed in tests, so the local receiver is reachable and every other blocked
 * form must still be refused.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
@WithTestResource(GreenMailResource.class)
class WebhookTargetTest {

    private static final String INTEGRATOR = Tokens.bearer("integrator", null);

    /** Names the test resolver answers, and with what. */
    private static final Map<String, List<String>> NAMES = Map.of(
            "internal.example.test", List.of("10.0.0.1"),
            "metadata.example.test", List.of("169.254.169.254"),
            "mixed.example.test", List.of("93.184.216.34", "10.0.0.1"),
            "loopback6.example.test", List.of("::1"),
            "mapped.example.test", List.of("::ffff:169.254.169.254"),
            "nat64.example.test", List.of("64:ff9b::a00:1"),
            "ula.example.test", List.of("93.184.216.34", "fd12:3456::1"),
            "broadcast.example.test", List.of("255.255.255.255"),
            "public.example.test", List.of("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"));

    /** Every URL here is refused at subscription with 400, errors[].field = url. */
    static Stream<String> blockedTargets() {
        return Stream.of(
                // IPv4 special-purpose blocks, canonical form.
                "http://0.0.0.0/", "http://0.1.2.3/", "http://10.0.0.1/", "http://10.255.255.255:8443/x",
                "http://100.64.0.1/", "http://100.127.255.254/", "http://169.254.169.254/latest/meta-data",
                "http://169.254.0.1/", "http://172.16.0.1/", "http://172.31.255.255/", "http://192.0.0.1/",
                "http://192.0.0.170/", "http://192.0.2.1/", "http://192.31.196.1/", "http://192.52.193.1/",
                "http://192.88.99.1/", "http://192.168.1.20:8080/hooks", "http://192.175.48.1/", "http://198.18.0.1/",
                "http://198.19.255.255/", "http://198.51.100.7/", "http://203.0.113.9/", "http://224.0.0.1/",
                "http://239.255.255.250/", "http://240.0.0.1/", "http://255.255.255.255/", "https://255.255.255.255/",
                // Numeric hosts in forms resolvers read differently: refused whatever they point to.
                "http://0177.0.0.1/", "http://012.0.0.5/", "http://0x7f.0.0.1/", "http://0x7f000001/",
                "http://2130706433/", "http://127.1/", "http://127.0.1/", "http://0/", "http://017700000001/",
                "http://127.0.0.1./", "http://0x0a.0.0.1/", "http://10.0.0.010/", "http://3232235777/",
                "http://0xA9FEA9FE/", "http://169.254.43518/", "http://256.0.0.1/", "http://1.2.3.4.5/",
                "http://08.8.8.8/", "http://8.8.8.8.0x0/",
                // IPv6 special-purpose blocks and IPv6 forms that carry a blocked IPv4 address.
                "http://[::1]/", "http://[::]/", "http://[0:0:0:0:0:0:0:1]:8080/", "http://[::ffff:169.254.169.254]/",
                "http://[::ffff:a00:1]/", "http://[::ffff:0:0]/", "http://[::127.0.0.1]/", "http://[::7f00:1]/",
                "http://[::8.8.8.8]/", "http://[64:ff9b::7f00:1]/", "http://[64:ff9b::127.0.0.1]/",
                "http://[64:ff9b::a9fe:a9fe]/", "http://[64:ff9b::c0a8:101]/", "http://[64:ff9b:1::a00:1]/",
                "http://[64:ff9b:1::5db8:d822]/", "http://[2002:7f00:1::]/", "http://[2002:a9fe:a9fe::1]/",
                "http://[2002:c0a8:101::1]/", "http://[2002:0:0::1]/",
                "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/", "http://[2001::1]/", "http://[2001:db8::1]/",
                "http://[2001:10::1]/", "http://[3fff::1]/", "http://[fc00::1]/", "http://[fd00::1]/",
                "http://[fe80::1]/", "http://[fe80::1%25eth0]/", "http://[febf::1]/", "http://[fec0::1]/",
                "http://[ff02::1]/", "http://[ff05::1:3]/", "http://[100::1]/", "http://[5f00::1]/",
                "http://[2620:4f:8000::1]/", "http://[4000::1]/", "http://[::ffff:255.255.255.255]/",
                // Names whose answer (any one of its addresses) is blocked, or that do not resolve.
                "http://internal.example.test/", "http://metadata.example.test/latest/meta-data",
                "http://mixed.example.test/", "http://loopback6.example.test/", "http://mapped.example.test/",
                "http://nat64.example.test/", "https://ula.example.test/", "http://broadcast.example.test/",
                "http://nowhere.example.test/",
                // Not a webhook URL at all.
                "ftp://93.184.216.34/x", "http://user:secret@93.184.216.34/", "http:///hooks", "/hooks",
                "http://93.184.216.34:0/", "http://93.184.216.34:70000/", "javascript:alert(1)", "file:///etc/passwd");
    }

    /** Public targets and the allow-listed loopback network: accepted. */
    private static final List<String> ACCEPTED = List.of("http://93.184.216.34/hooks",
            "https://[2606:4700:4700::1111]/hooks", "http://[64:ff9b::5db8:d822]/hooks", "http://[2002:5db8:d822::1]/hooks",
            "https://public.example.test/hooks?source=ecoplan", "http://127.0.0.1:9/hooks");

    @Inject
    CatalogueReplica replica;

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    DataSource dataSource;

    @Inject
    BusinessClock clock;

    private final TestResolver names = new TestResolver();

    @BeforeEach
    void resolveTestNames() {
        NAMES.forEach(names::answer);
        QuarkusMock.installMockForType(names, HostResolver.class);
    }

    @ParameterizedTest
    @MethodSource("blockedTargets")
    void refusesABlockedTargetAtSubscription(String url) {
        subscribe(url, null, null).statusCode(400)
                .contentType("application/problem+json")
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("url"));
    }

    @Test
    void acceptsPublicAndAllowListedTargets() {
        for (String url : ACCEPTED) {
            String id = subscribe(url, null, null).statusCode(201).body("subscription.url", equalTo(url))
                    .extract().jsonPath().getString("subscription.id");
            delete(id);
        }
    }

    @Test
    void refusesUnknownDepartmentCodesAndPlansNamingTheField() {
        SeedCatalogue.publishOnce();
        String plan = SeedCatalogue.records().stream().filter(r -> r.aggregateType().equals(CatalogueEvents.PLAN.aggregateType()))
                .findFirst().orElseThrow().key();
        await().atMost(Duration.ofSeconds(60)).until(() -> replica.count(DepartmentState.class) >= 48
                && replica.find(CatalogueEvents.PLAN.aggregateType(), plan).isPresent()
                && !replica.findContaining(CatalogueEvents.DEPARTMENT_GROUP.aggregateType(), Map.of("code", "ALL-SUBDISTRICTS-TOWNS")).isEmpty());
        String url = "http://127.0.0.1:9/hooks";

        for (String code : List.of("NO-SUCH", "12345", "'; drop table x;--", "env", "各街乡镇", "x".repeat(100))) {
            subscribe(url, code, null).statusCode(400).contentType("application/problem+json")
                    .body("errors.field", containsInAnyOrder("departmentCode"));
        }
        for (String planId : List.of(UUID.randomUUID().toString(), "not-a-plan", plan.toUpperCase(), "'; drop table x;--")) {
            subscribe(url, null, planId).statusCode(400).body("errors.field", containsInAnyOrder("planId"));
        }
        // Every refused field at once.
        subscribe("http://10.0.0.1/", "NO-SUCH", "not-a-plan").statusCode(400)
                .body("errors.field", containsInAnyOrder("url", "departmentCode", "planId"));

        // A department, a group (its members stand for it) and a plan the catalogue knows.
        for (String[] filter : List.of(new String[] {"ENV", null}, new String[] {"ALL-SUBDISTRICTS-TOWNS", null},
                new String[] {"ENV", plan}, new String[] {null, plan})) {
            String id = subscribe(url, filter[0], filter[1]).statusCode(201)
                    .body("subscription.departmentCode", equalTo(filter[0]))
                    .body("subscription.planId", equalTo(filter[1]))
                    .extract().jsonPath().getString("subscription.id");
            delete(id);
        }
    }

    @Test
    void connectsToTheAddressItCheckedWithTheUrlsHostAsHostHeader() {
        String department = TestDepartments.create(replica);
        clock.setTo(Instant.parse("2026-06-01T01:00:00Z"));
        try (var receiver = new WebhookReceiver(); var player = new ProgressPlayer(dataSource)) {
            // No DNS server knows this name: a client that looked it up again itself could not connect at all.
            String host = "pinned.example.test";
            names.answer(host, List.of("127.0.0.1"));
            String id = subscribe("http://" + host + ":" + receiver.port() + "/hooks", department, null).statusCode(201)
                    .extract().jsonPath().getString("subscription.id");
            assertThat(names.lookups(host)).isEqualTo(1);
            try {
                player.report(ProgressEvents.REPORT_SUBMITTED, ProgressPlayer.report(UUID.randomUUID().toString(), 1,
                        "m-" + department, "plan-1", "2026-05", WorkflowState.SUBMITTED, 10, department,
                        "reporter@ecoplan.test", clock.now()));
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    dispatcher.deliverDue();
                    return deliveries(id).stream().anyMatch(d -> "DELIVERED".equals(d.get("status")));
                });
                assertThat(receiver.received()).hasSize(1);
                assertThat(receiver.received().get(0).headers().get("host")).isEqualTo(host + ":" + receiver.port());
                // One look-up per attempt, and the connection went to its answer.
                int attempts = deliveries(id).stream().mapToInt(d -> ((Number) d.get("attempts")).intValue()).sum();
                assertThat(attempts).isGreaterThanOrEqualTo(1);
                assertThat(names.lookups(host)).isEqualTo(1 + attempts);
            } finally {
                delete(id);
            }
        }
    }

    @Test
    void refusesAtAttemptTimeANameThatNowResolvesToABlockedAddress() {
        String department = TestDepartments.create(replica);
        clock.setTo(Instant.parse("2026-06-01T01:00:00Z"));
        try (var receiver = new WebhookReceiver(); var player = new ProgressPlayer(dataSource)) {
            String host = "rebinding.example.test";
            names.answer(host, List.of("127.0.0.1"));
            String id = subscribe("http://" + host + ":" + receiver.port() + "/hooks", department, null).statusCode(201)
                    .extract().jsonPath().getString("subscription.id");
            try {
                // The name's owner adds the metadata address after the check at subscription.
                names.answer(host, List.of("127.0.0.1", "169.254.169.254"));
                player.report(ProgressEvents.REPORT_SUBMITTED, ProgressPlayer.report(UUID.randomUUID().toString(), 1,
                        "m-" + department, "plan-1", "2026-05", WorkflowState.SUBMITTED, 10, department,
                        "reporter@ecoplan.test", clock.now()));
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    dispatcher.deliverDue();
                    return deliveries(id).stream().anyMatch(d -> ((Number) d.get("attempts")).intValue() >= 1);
                });
                String error = (String) deliveries(id).get(0).get("lastError");
                assertThat(error).startsWith("target refused").contains("169.254.169.254");
                assertThat(receiver.received()).isEmpty();
            } finally {
                delete(id);
            }
        }
    }

    private static ValidatableResponse subscribe(String url, String departmentCode, String planId) {
        Map<String, Object> body = new HashMap<>();
        body.put("url", url);
        body.put("eventTypes", List.of("PROGRESS"));
        body.put("departmentCode", departmentCode);
        body.put("planId", planId);
        return given().header("Authorization", INTEGRATOR).contentType(ContentType.JSON).body(body)
                .post("/webhooks/subscriptions").then().log().ifValidationFails();
    }

    private static void delete(String id) {
        given().header("Authorization", INTEGRATOR).delete("/webhooks/subscriptions/{id}", id).then().statusCode(204);
    }

    private static List<Map<String, Object>> deliveries(String subscriptionId) {
        return given().header("Authorization", INTEGRATOR).get("/webhooks/subscriptions/{id}/deliveries", subscriptionId)
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    /** Answers names the way the test says; any other name does not resolve. Counts look-ups per name. */
    static class TestResolver extends HostResolver {

        private final Map<String, List<InetAddress>> answers = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();

        void answer(String name, List<String> literals) {
            List<InetAddress> addresses = new ArrayList<>();
            for (String literal : literals) {
                try {
                    addresses.add(InetAddress.getByName(literal));
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException(literal, e);
                }
            }
            answers.put(name, List.copyOf(addresses));
        }

        int lookups(String name) {
            return lookups.getOrDefault(name, new AtomicInteger()).get();
        }

        @Override
        public List<InetAddress> resolve(String name) throws UnknownHostException {
            lookups.computeIfAbsent(name, key -> new AtomicInteger()).incrementAndGet();
            List<InetAddress> addresses = answers.get(name);
            if (addresses == null) {
                throw new UnknownHostException(name);
            }
            return addresses;
        }
    }
}
