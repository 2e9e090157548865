package org.ecoplan.events.relay;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ecoplan.events.EventsConfig;

import io.smallrye.common.annotation.Identifier;

/**
 * Builds the relay's Kafka clients (and the admin client of the readiness and lag probes) from Quarkus'
 * {@code kafka.*} configuration, so that a service configures its broker once for the relay and its messaging
 * channels alike.
 */
@ApplicationScoped
public class KafkaClients {

    private final Map<String, Object> kafkaConfig;
    private final EventsConfig config;
    private Admin admin;

    KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, EventsConfig config) {
        this.kafkaConfig = kafkaConfig;
        this.config = config;
    }

    Producer<String, String> newProducer() {
        var settings = only(ProducerConfig.configNames());
        // Never lose an acknowledged event: all in-sync replicas must have it, and retries must
        // neither duplicate nor reorder records within a partition.
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay" + config.source().replace('/', '-'));
        // Fail a batch within the send timeout rather than Kafka's two minutes: the relay retries it,
        // and meanwhile its transaction (and the relay lock) stay short.
        long sendTimeout = config.sendTimeout().toMillis();
        long requestTimeout = Math.max(1000, sendTimeout / 2);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(sendTimeout, requestTimeout));
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, sendTimeout);
        // Reconnect quickly once the broker is back, so that the backlog leaves soon.
        settings.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        return new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
    }

    /** The one admin client of this service (created on first use): probes share it. */
    public synchronized Admin admin() {
        if (admin == null) {
            var settings = only(AdminClientConfig.configNames());
            settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "outbox-admin" + config.source().replace('/', '-'));
            settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
            settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
            settings.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
            admin = Admin.create(settings);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }

    /** Only the keys the client knows, so that consumer settings do not produce warnings. */
    private Map<String, Object> only(Set<String> knownKeys) {
        var settings = new HashMap<String, Object>();
        kafkaConfig.forEach((key, value) -> {
            if (knownKeys.contains(key)) {
                settings.put(key, value);
            }
        });
        return settings;
    }
}
