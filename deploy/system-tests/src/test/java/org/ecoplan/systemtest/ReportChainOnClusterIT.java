package org.ecoplan.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.ecoplan.launcher.LocalService;
import org.ecoplan.launcher.ServiceProcess;
import org.ecoplan.systemtest.ReportChainUnderFaultsIT.Scenario;
import org.ecoplan.systemtest.RunningEcoPlan.Eventually;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The report chain on the shape of a city deployment, on this machine: a Kafka cluster of three KRaft nodes (topics
 * with replication 3 and min ISR 2, producers with acks=all and idempotence) and two replicas of each packaged
 * service behind a round-robin balancer ({@link RunningEcoPlan#balance}). At least 1,000 reports are filed and
 * reviewed at a steady pace while the active Kafka controller is SIGKILLed and started again, one replica of each
 * service is SIGKILLed and started again, and PostgreSQL is restarted; then, within a bounded wait, exactly the
 * checks of {@link ReportChainUnderFaultsIT} (it is the same run): every accepted report once, every effect
 * downstream exactly once, outboxes empty, lags 0, no dead letter; counts and recovery times printed.
 *
 * <p>Not part of {@code mvn -B verify}: {@code deploy/cluster-test.sh} runs it ({@code -Pcluster}). Settings:
 * {@code ecoplan.cluster-test.reports} (default 1000), {@code ecoplan.cluster-test.rate} (reports per second,
 * default 2), {@code ecoplan.cluster-test.faults} (of broker, replica, postgres, kill, kafka, rebuild; default the
 * first three), {@code ecoplan.system-test.seed}.
 */
class ReportChainOnClusterIT {

    static final int KAFKA_NODES = 3;
    static final int REPLICAS = 2;
    private static final int REPORTS = Integer.getInteger("ecoplan.cluster-test.reports", 1000);
    private static final double RATE = Double.parseDouble(System.getProperty("ecoplan.cluster-test.rate", "2"));
    private static final long SEED = Long.getLong("ecoplan.system-test.seed", 20261130L);
    private static final Set<String> FAULTS = Set.of(System.getProperty("ecoplan.cluster-test.faults",
            String.join(",", Faults.CLUSTER)).split(","));

    /**
     * A phone's retry that a balancer sends to the other replica answers what the first send created: one report is
     * filed on progress-service's first replica with an Idempotency-Key, the same request goes to the second. (Its
     * measure then has a report, so the stream's sample, measures nobody reported on, leaves it out.)
     */
    private static void sameAnswerFromEitherReplica(RunningEcoPlan ecoplan) throws Exception {
        String department = ecoplan.all(LocalService.PLAN, "/departments", null).get(0).path("code").asText();
        String reporter = ecoplan.token("reporter", department, "st.cluster.reporter");
        String measure = null;
        for (JsonNode item : ecoplan.http().get(ecoplan.uri(LocalService.PROGRESS, "/departments/" + department + "/todo"),
                reporter).expect(200).json().path("measures")) {
            if (measure == null && List.of("LEAD", "RESPONSIBLE").contains(item.path("role").asText())) {
                measure = item.path("measureId").asText();
            }
        }
        assertThat(measure).as("a measure " + department + " reports on").isNotNull();
        String body = ecoplan.mapper().writeValueAsString(Map.of("measureId", measure, "kind", "AD_HOC",
                "status", "ON_TRACK", "percentComplete", 30, "narrative", "集群测试：重试落到另一副本", "submit", true));
        String key = "cluster-" + UUID.randomUUID();
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (ServiceProcess replica : ecoplan.stack().instances(LocalService.PROGRESS)) {
            HttpRequest request = HttpRequest.newBuilder(replica.baseUri().resolve("/reports"))
                    .header("Authorization", "Bearer " + reporter).header("Idempotency-Key", key)
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            answers.add(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        }
        String first = ecoplan.mapper().readTree(answers.get(0).body()).path("id").asText();
        String second = ecoplan.mapper().readTree(answers.get(1).body()).path("id").asText();
        System.out.printf("  the same POST /reports (one Idempotency-Key) on both replicas: %d %s, then %d %s (Idempotent-Replayed: %s)%n",
                answers.get(0).statusCode(), first, answers.get(1).statusCode(), second,
                answers.get(1).headers().firstValue("Idempotent-Replayed").orElse("absent"));
        assertThat(answers.get(0).statusCode()).isEqualTo(201);
        assertThat(answers.get(1).statusCode()).isEqualTo(201);
        assertThat(second).isEqualTo(first);
        assertThat(answers.get(1).headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(ecoplan.http().get(ecoplan.uri(LocalService.PROGRESS, "/reports?size=1&measure=" + measure),
                ecoplan.token("supervisor", null, "st.cluster.supervisor")).expect(200).json().path("totalItems").asLong())
                .as("reports on " + measure).isEqualTo(1);
    }

    @Test
    void nothingIsLostOrDoubledOnAClusterWhileANodeAReplicaOfEachServiceAndPostgresqlFail() throws Exception {
        long startedAt = System.nanoTime();
        System.out.printf("Cluster test, %s: %d Kafka nodes, %d replicas of each service%n", Instant.now(), KAFKA_NODES,
                REPLICAS);
        Path home = Path.of(System.getProperty(RunningEcoPlan.HOME_PROPERTY, "target/system-test"))
                .resolveSibling("cluster-test");
        try (RunningEcoPlan ecoplan = RunningEcoPlan.start(home, shape -> shape.kafkaNodes(KAFKA_NODES).replicas(REPLICAS)
                // Eight service JVMs and three brokers start at once on two cores.
                .readyTimeout(Duration.ofMinutes(8)))) {
            System.out.println("  Kafka " + ecoplan.stack().kafkaBootstrapServers());
            for (LocalService service : LocalService.values()) {
                System.out.println("  " + service.serviceName() + " on ports "
                        + ecoplan.stack().instances(service).stream().map(ServiceProcess::port).toList());
            }
            assertThat(ecoplan.stack().instances()).hasSize(LocalService.values().length * REPLICAS);

            // The services created their topics on the cluster: every partition on three nodes, two in sync to write.
            Map<String, String> replication = ecoplan.kafka().replication(Faults.TOPICS);
            System.out.println("  topics " + replication);
            assertThat(replication).hasSize(Faults.TOPICS.size())
                    .allSatisfy((topic, created) -> assertThat(created).isEqualTo("replicas=3 minIsr=2"));

            // Each consumer group has one member per replica, and they share the partitions.
            Map<String, List<Integer>> members = Eventually.awaitValue("every consumer group shared by both replicas",
                    Duration.ofMinutes(2), () -> {
                        Map<String, List<Integer>> groups = ecoplan.kafka().partitionsPerMember();
                        boolean shared = !groups.isEmpty() && groups.values().stream().allMatch(partitions ->
                                partitions.size() == REPLICAS && partitions.stream().allMatch(count -> count > 0));
                        return shared ? groups : null;
                    });
            System.out.println("  partitions per member of each consumer group " + members);

            sameAnswerFromEitherReplica(ecoplan);

            ReportChainUnderFaultsIT.run(ecoplan, new Scenario(REPORTS, RATE, SEED, FAULTS));
        } finally {
            System.out.printf("Cluster test took %.1f min in all (start, stream, checks, stop)%n",
                    (System.nanoTime() - startedAt) / 60e9);
        }
    }
}
