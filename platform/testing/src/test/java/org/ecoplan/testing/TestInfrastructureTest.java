package org.ecoplan.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ecoplan.infrastructure.token.SigningKeys;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

class TestInfrastructureTest {

    @Test
    void givesEveryCallerTheSameFreshDatabase() throws Exception {
        Map<String, String> config = new RealInfrastructureResource().start();
        assertEquals(config, new RealInfrastructureResource().start(), "started once per JVM");
        assertTrue(config.get("quarkus.datasource.jdbc.url").matches("jdbc:postgresql://.*/ecoplan_test_[0-9a-f]{8}.*"));

        try (Connection connection = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE department (code varchar(20), name varchar(100))");
            statement.execute("INSERT INTO department VALUES ('YQ-ENV', '区生态环境局')");
            try (ResultSet result = statement.executeQuery("SELECT name FROM department")) {
                assertTrue(result.next());
                assertEquals("区生态环境局", result.getString(1));
            }
        }
    }

    @Test
    void readsBackWhatWasPublishedWithItsHeaders() throws Exception {
        String topic = "ecoplan.test-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, "other", "{\"n\":0}")).get();
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, "{\"n\":1}");
            record.headers().add("ce_type", "progress.report-approved.v1".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
            producer.send(new ProducerRecord<>(topic, key, "{\"n\":2}")).get();
        }

        List<ConsumerRecord<String, String>> both = EventReader.awaitRecords(topic, r -> key.equals(r.key()), 2,
                Duration.ofSeconds(20));
        assertEquals(List.of("{\"n\":1}", "{\"n\":2}"), both.stream().map(ConsumerRecord::value).toList());
        assertEquals("progress.report-approved.v1", EventReader.header(both.get(0), "ce_type").orElseThrow());
        assertEquals(3, EventReader.readCurrent(topic).size());
        // Up to the match: the key's earlier record (same partition) is in; "other" may sit on another
        // partition and be polled before or after, so it is not counted.
        List<ConsumerRecord<String, String>> untilSecond =
                EventReader.readAll(topic, r -> "{\"n\":2}".equals(r.value()), Duration.ofSeconds(10));
        assertEquals("{\"n\":2}", untilSecond.get(untilSecond.size() - 1).value());
        assertTrue(untilSecond.stream().anyMatch(r -> "{\"n\":1}".equals(r.value())));
        assertThrows(AssertionError.class,
                () -> EventReader.awaitRecord(topic, r -> "missing".equals(r.key()), Duration.ofSeconds(1)));
    }

    @Test
    void mintsTokensTheServicesVerify() throws Exception {
        String token = Tokens.token(Set.of("reporter", "supervisor"), "YQ-ENV", "li.lei");

        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKey(SigningKeys.readPublicKey(TestInfrastructure.publicKeyPem()))
                .setExpectedIssuer(new RealInfrastructureResource().start().get("mp.jwt.verify.issuer"))
                .setRequireExpirationTime()
                .build().processToClaims(token);
        assertEquals("li.lei", claims.getSubject());
        assertEquals("li.lei", claims.getClaimValueAsString("upn"));
        assertEquals(Set.of("reporter", "supervisor"), Set.copyOf(claims.getStringListClaimValue("groups")));
        assertEquals("YQ-ENV", claims.getClaimValueAsString("department"));
        assertTrue(Tokens.bearer("admin", null).startsWith("Bearer ey"));
        assertEquals(TestInfrastructure.publicKeyPem(), Files.readString(
                Path.of(new RealInfrastructureResource().start().get("mp.jwt.verify.publickey.location"))));
    }

    private static KafkaProducer<String, String> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }
}
