package org.ecoplan.indicator.rollup.events;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.events.EventsConfig;
import org.ecoplan.events.relay.TopicProvisioner;
import org.ecoplan.indicator.AppFixture;
import org.ecoplan.progress.contract.ProgressEvents;
import org.ecoplan.progress.contract.ReportEvent;
import org.ecoplan.progress.contract.ReportStatus;
import org.ecoplan.progress.contract.WorkflowState;
import org.ecoplan.testing.EventWriter;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.SeedCatalogue;
import org.ecoplan.testing.TestInfrastructure;
import org.ecoplan.web.clock.BusinessClock;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A rebuild long after the reports were filed still sees every one: {@code ecoplan.progress} keeps its events for
 * ever (issue 16, "replay forgets"). Nobody waits a week: the reports are written with record timestamps 30 days
 * old, which is how Kafka judges a record's age (against the broker's own clock, not the business clock), and the
 * test broker checks retention every second. Two topics get the same reports: one with exactly the settings the
 * services declare for {@code ecoplan.progress}, one with the settings it had before (the broker's 7 days); the
 * broker deletes the second one's, and the rebuild from the first still counts every report.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class RollupReplayBeyondRetentionTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 15);
    private static final String FORMER_RETENTION_MS = String.valueOf(Duration.ofDays(7).toMillis());
    private static final int REPORTS = 6;

    @Inject
    BusinessClock clock;

    @Inject
    EventsConfig events;

    @Inject
    ProgressReplay replay;

    @Test
    void aRebuildAfterTheFormerRetentionWindowStillSeesEveryReport() throws Exception {
        AppFixture.seedCatalogueReplicated();
        clock.setTo(TODAY, 10);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String kept = "ecoplan.progress-kept-" + suffix;
        String forgotten = "ecoplan.progress-forgotten-" + suffix;
        Map<String, String> declared = TopicProvisioner.settings(events.topics().get(ProgressEvents.TOPIC));
        assertEquals("-1", declared.get(TopicConfig.RETENTION_MS_CONFIG), "ecoplan.progress is declared to be kept for ever");

        String plan = SeedCatalogue.measures().get(0).planId();
        List<MeasureState> measures = SeedCatalogue.measures().stream().filter(measure -> measure.planId().equals(plan))
                .limit(REPORTS).toList();
        assertEquals(REPORTS, measures.size());
        Instant monthAgo = Instant.now().minus(Duration.ofDays(30));

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.bootstrapServers()))) {
            admin.createTopics(List.of(
                    new NewTopic(kept, Optional.of(1), Optional.empty()).configs(declared),
                    new NewTopic(forgotten, Optional.of(1), Optional.empty()).configs(Map.of(
                            TopicConfig.CLEANUP_POLICY_CONFIG, "delete", TopicConfig.RETENTION_MS_CONFIG, FORMER_RETENTION_MS))))
                    .all().get(10, TimeUnit.SECONDS);
            try (EventWriter writer = new EventWriter("/ecoplan/progress-service", 0, monthAgo)) {
                for (MeasureState measure : measures) {
                    for (String topic : List.of(kept, forgotten)) {
                        writer.send(UUID.randomUUID(), topic, ProgressEvents.AGGREGATE_TYPE, measure.id(),
                                ProgressEvents.REPORT_SUBMITTED.eventType(), report(measure));
                    }
                }
                // The broker's retention pass deletes what is older than a topic's retention.ms ...
                awaitDeleted(admin, forgotten, REPORTS);
                // ... and once a later pass deleted another old record, the pass before it is certainly over for
                // every topic, the kept one included.
                writer.send(UUID.randomUUID(), forgotten, ProgressEvents.AGGREGATE_TYPE, measures.get(0).id(),
                        ProgressEvents.REPORT_SUBMITTED.eventType(), report(measures.get(0)));
                awaitDeleted(admin, forgotten, REPORTS + 1);
            }
            assertEquals(0L, offset(admin, kept, OffsetSpec.earliest()), "nothing deleted from the kept topic");
        }

        try {
            ProgressReplay.Outcome outcome = replay.rebuildFrom(kept);
            assertEquals(REPORTS, outcome.eventsRead());
            assertEquals(REPORTS, outcome.eventsApplied());
            Map<String, Object> figures = figures(plan);
            assertEquals((int) figures.get("measures") - REPORTS, figures.get("notReportedThisPeriod"),
                    "each report of the month counts, however old its record");

            // What a rebuild saw with the former settings: nothing of those reports.
            ProgressReplay.Outcome lost = replay.rebuildFrom(forgotten);
            assertEquals(0, lost.eventsRead());
            figures = figures(plan);
            assertEquals(figures.get("measures"), figures.get("notReportedThisPeriod"));
        } finally {
            // Back to the figures of the real topic, for the other tests of this JVM.
            replay.rebuild();
        }
    }

    private static void awaitDeleted(Admin admin, String topic, long records) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> offset(admin, topic, OffsetSpec.earliest()) == records);
    }

    private static long offset(Admin admin, String topic, OffsetSpec spec) throws Exception {
        TopicPartition partition = new TopicPartition(topic, 0);
        return admin.listOffsets(Map.of(partition, spec)).partitionResult(partition).get(10, TimeUnit.SECONDS).offset();
    }

    private static Map<String, Object> figures(String plan) {
        return given().get("/rollups/PLAN/" + plan).then().statusCode(200).extract().jsonPath().getMap("");
    }

    /** An ad-hoc report of this month: it counts as reported, and leaves the monthly punctuality history alone. */
    private static ReportEvent report(MeasureState measure) {
        return new ReportEvent("retention-" + measure.id(), 1, measure.id(), measure.planId(), measure.taskId(),
                TODAY.toString().substring(0, 7), "AD_HOC", WorkflowState.SUBMITTED, ReportStatus.ON_TRACK, 30,
                "进展顺利", List.of(), "ENV", "LEAD", "reporter@ecoplan.test", Instant.now(), null, null, null, 0);
    }
}
