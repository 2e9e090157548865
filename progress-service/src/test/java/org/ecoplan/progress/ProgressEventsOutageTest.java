package org.ecoplan.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.progress.contract.ProgressEvents;
import org.ecoplan.testing.DedicatedKafkaResource;
import org.ecoplan.testing.EventReader;
import org.ecoplan.testing.SeedCatalogue;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Events of a workflow that goes on while Kafka is down reach the broker when it returns, in order, each
 * once by id. This application has a broker of its own (stopped and started here); its catalogue replica is
 * filled straight into the shared database, since the seed catalogue is published to the shared broker only.
 * Measure envLedMeasure 14.
 */
@QuarkusTest
@WithTestResource(DedicatedKafkaResource.class)
class ProgressEventsOutageTest {

    private static final String ENV_REPORTER = ProgressTestSupport.bearer("reporter", "ENV", "zhang.wei");
    private static final String SUPERVISOR = ProgressTestSupport.bearer("supervisor", "ENV", "chen.jing");

    @Inject
    DataSource dataSource;

    @Test
    void deliversTheEventsOfAWorkflowThatWentOnWhileKafkaWasDownInOrder() throws SQLException {
        MeasureState measure = ProgressTestSupport.envLedMeasure(14);
        replicate(measure.id());
        String measureId = measure.id();
        // The shared database holds this measure's earlier events (its assessments, published to the shared broker).
        long positionBefore = lastOutboxPosition();

        JsonPath submitted = ProgressTestSupport.created(ENV_REPORTER, ProgressTestSupport.adHoc(measureId, "ON_TRACK", 60, true));
        String reportId = submitted.getString("id");
        DedicatedKafkaResource.awaitRecords(ProgressEvents.TOPIC, record -> measureId.equals(record.key()), 1,
                Duration.ofSeconds(30));

        DedicatedKafkaResource.stopBroker();
        try {
            // The phone and the supervisor carry on: nothing they do needs Kafka.
            ProgressTestSupport.action(SUPERVISOR, reportId, "approve", ProgressTestSupport.etag(submitted), null);
            JsonPath completed = ProgressTestSupport.created(ENV_REPORTER,
                    ProgressTestSupport.adHoc(measureId, "COMPLETED", 100, true));
            ProgressTestSupport.action(SUPERVISOR, completed.getString("id"), "approve",
                    ProgressTestSupport.etag(completed), null);
            await().atMost(Duration.ofSeconds(15)).until(() -> unpublished(measureId) == 5);
        } finally {
            DedicatedKafkaResource.startBroker();
        }

        List<String> recorded = outboxIds(measureId, positionBefore);
        List<ConsumerRecord<String, String>> delivered = DedicatedKafkaResource.awaitRecords(ProgressEvents.TOPIC,
                record -> measureId.equals(record.key()), recorded.size(), Duration.ofSeconds(90));
        await().atMost(Duration.ofSeconds(15)).until(() -> unpublished(measureId) == 0);

        // Consumers drop repeated ids; what they keep is every recorded event once, in the order recorded.
        var distinctIds = new LinkedHashSet<String>();
        var types = new ArrayList<String>();
        for (ConsumerRecord<String, String> record : delivered) {
            if (distinctIds.add(EventReader.header(record, "ce_id").orElseThrow())) {
                types.add(EventReader.header(record, "ce_type").orElseThrow());
            }
        }
        assertThat(List.copyOf(distinctIds)).isEqualTo(recorded);
        assertThat(types).containsExactly("progress.report-submitted.v1", "progress.report-approved.v1",
                "progress.measure-status-changed.v1", "progress.report-submitted.v1", "progress.report-approved.v1",
                "progress.measure-status-changed.v1");
        JsonPath last = JsonPath.from(delivered.get(delivered.size() - 1).value());
        assertThat(last.getString("status")).isEqualTo("COMPLETED");
    }

    /** The measure in this service's catalogue copy, as the replica handler would have stored it. */
    private void replicate(String measureId) throws SQLException {
        SeedCatalogue.Recorded record = SeedCatalogue.records().stream()
                .filter(r -> r.aggregateType().equals("measure") && r.key().equals(measureId)).findFirst().orElseThrow();
        try (var connection = dataSource.getConnection(); var insert = connection.prepareStatement("""
                insert into catalogue_entity (aggregate_type, entity_id, revision, payload, event_id, updated_at)
                values ('measure', ?, ?, cast(? as jsonb), ?, now()) on conflict do nothing""")) {
            insert.setString(1, measureId);
            insert.setLong(2, record.data().path("revision").asLong());
            insert.setString(3, record.data().toString());
            insert.setObject(4, UUID.randomUUID());
            insert.executeUpdate();
        }
    }

    private long unpublished(String measureId) throws SQLException {
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement(
                "select count(*) from event_outbox where aggregate_id = ? and published_at is null")) {
            query.setString(1, measureId);
            try (var result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private long lastOutboxPosition() throws SQLException {
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement(
                "select coalesce(max(position), 0) from event_outbox"); var result = query.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    private List<String> outboxIds(String measureId, long after) throws SQLException {
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement(
                "select event_id from event_outbox where aggregate_id = ? and position > ? order by position")) {
            query.setString(1, measureId);
            query.setLong(2, after);
            var ids = new ArrayList<String>();
            try (var result = query.executeQuery()) {
                while (result.next()) {
                    ids.add(result.getString(1));
                }
            }
            return ids;
        }
    }
}
