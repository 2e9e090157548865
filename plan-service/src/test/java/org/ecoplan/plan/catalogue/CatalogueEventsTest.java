package org.ecoplan.plan.catalogue;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.testing.EventReader;
import org.ecoplan.testing.RealInfrastructureResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** What the seed import published, read back from the real broker. */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class CatalogueEventsTest {

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void theSeedImportPublishedTheWholeCatalogueWithCloudEventsHeaders() throws Exception {
        long measures = given().queryParam("district", "延庆区").queryParam("year", 2026).queryParam("size", 1).when().get("/measures").then()
                .extract().jsonPath().getLong("totalItems");
        // Indicators are written last, and the relay publishes in commit order: once all 22 are there, all is.
        EventReader.awaitRecords(CatalogueEvents.TOPIC,
                record -> "plan.indicator-changed.v1".equals(header(record, "ce_type")), 22, Duration.ofSeconds(30));
        List<ConsumerRecord<String, String>> records = EventReader.readCurrent(CatalogueEvents.TOPIC);
        Map<String, Integer> byType = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            String type = header(record, "ce_type");
            byType.merge(type, 1, Integer::sum);
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record, "ce_id")).isNotBlank();
            assertThat(header(record, "ce_source")).isEqualTo("/ecoplan/plan-service");
            assertThat(header(record, "content-type")).startsWith("application/json");
            JsonNode payload = mapper.readTree(record.value());
            // Keyed by the entity id, which the payload carries with its revision.
            assertThat(payload.get("id").asText()).isEqualTo(record.key());
            assertThat(payload.get("revision").asLong()).isPositive();
        }
        assertThat(byType.get("plan.plan-changed.v1")).isGreaterThanOrEqualTo(3);
        assertThat(byType.get("plan.task-changed.v1")).isGreaterThanOrEqualTo(45 + 37 + 15);
        assertThat(byType.get("plan.measure-changed.v1")).isGreaterThanOrEqualTo((int) measures);
        assertThat(byType.get("plan.indicator-changed.v1")).isGreaterThanOrEqualTo(22);
        assertThat(byType.get("plan.department-changed.v1")).isGreaterThan(18);
    }

    @Test
    void aMeasureEventCarriesItsFullState() throws Exception {
        String id = MeasureEditTest.measureOfTask(1, 1);
        List<ConsumerRecord<String, String>> records = EventReader.readAll(CatalogueEvents.TOPIC,
                record -> id.equals(record.key()), Duration.ofSeconds(20));
        JsonNode state = mapper.readTree(records.get(records.size() - 1).value());
        assertThat(state.get("taskNumber").asInt()).isEqualTo(1);
        assertThat(state.get("text").asText()).contains("PM2.5");
        assertThat(state.at("/deadline/kind").asText()).isEqualTo("DATE");
        assertThat(state.get("assignments").findValuesAsText("departmentCode")).contains("ENV");
    }

    @Test
    void theCatalogueTopicIsCompacted() throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(properties)) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, CatalogueEvents.TOPIC);
            Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
