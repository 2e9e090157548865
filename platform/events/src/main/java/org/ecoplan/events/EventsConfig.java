package org.ecoplan.events;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the outbox relay and of the topics this service provisions. The connection to Kafka
 * itself comes from Quarkus' {@code kafka.*} configuration (e.g. {@code kafka.bootstrap.servers}).
 */
@ConfigMapping(prefix = "ecoplan.events")
public interface EventsConfig {

    /** CloudEvents {@code source} of the events this service publishes, e.g. {@code /ecoplan/plan-service}. */
    String source();

    /** Turns the relay off, e.g. in a tool that only consumes; the outbox then fills up unpublished. */
    @WithDefault("true")
    boolean relayEnabled();

    /** Safety net: how often the relay looks for waiting events when no commit woke it. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Events read, sent and marked published per relay transaction. */
    @WithDefault("500")
    int batchSize();

    /** How long to wait for Kafka's acknowledgements of one batch before retrying it later. */
    @WithDefault("10s")
    Duration sendTimeout();

    /** Longest pause between attempts while Kafka is unreachable. */
    @WithDefault("15s")
    Duration maxBackoff();

    /** How long published events stay in the outbox (for inspection) before they are deleted. */
    @WithDefault("1d")
    Duration retention();

    /** How often old published events and processed event ids are deleted. */
    @WithDefault("10m")
    Duration cleanupInterval();

    /** How long consumers remember processed event ids; longer than any redelivery we expect. */
    @WithDefault("30d")
    Duration processedRetention();

    /** How often the readiness facts (database reachable, Kafka reachable, outbox backlog) are refreshed in the background. */
    @WithDefault("1s")
    Duration healthRefreshInterval();

    /** How every consumer retries a record it could not apply; see {@code EventConsumption}. */
    Consumers consumers();

    /**
     * Topics this service creates at start if they do not exist, by name. Names contain dots, so quote
     * them: {@code ecoplan.events.topics."ecoplan.plan".cleanup-policy=compact}. Every service that declares a topic
     * declares it alike (deploy/k8s' ManifestsMatchServicesTest checks it): whichever starts first creates it.
     */
    Map<String, Topic> topics();

    interface Consumers {

        /** First pause before retrying a record that failed because the database (or broker) was away. */
        @WithDefault("500ms")
        Duration initialBackoff();

        /** The pause doubles per failed attempt up to this; the record is retried for as long as it takes. */
        @WithDefault("30s")
        Duration maxBackoff();

        /**
         * Attempts of a record that meets a concurrent writer (serialization failure, deadlock, duplicate key, lock
         * not available) before it counts as permanently failed and is dead-lettered.
         */
        @WithDefault("5")
        int contentionAttempts();

        /** Pause between attempts while a handler says it must wait (e.g. a roll-up rebuild holds its lock). */
        @WithDefault("1s")
        Duration busyRetryInterval();

        /** Transaction timeout of one attempt to apply a record. */
        @WithDefault("60s")
        Duration transactionTimeout();

        /** How often the open-dead-letters gauge is read again (also within a second of every change). */
        @WithDefault("30s")
        Duration openDeadLettersRefresh();

        /**
         * How often each consumer group's lag (end offsets minus committed offsets) is read from Kafka for the gauge
         * {@code ecoplan_events_consumer_lag}.
         */
        @WithDefault("15s")
        Duration lagRefreshInterval();
    }

    /**
     * How a topic is created. Partitions, replication factor and {@code min.insync.replicas} are chosen per topic;
     * an existing topic keeps its partitions and replication (changing them is an operator's migration), while its
     * cleanup policy, {@code retention.ms} and {@code min.insync.replicas} are corrected at start.
     */
    interface Topic {

        /**
         * Sized for a city (README "Topics and partitions"): the most consumers a group can use, whatever the
         * replica count. 12 splits evenly over 1, 2, 3, 4 or 6 replicas; keys are measure (or entity) ids, so
         * thousands of keys spread evenly, and per-key order holds within a partition.
         */
        @WithDefault("12")
        int partitions();

        /** {@code delete} for event streams, {@code compact} for state topics such as the catalogue. */
        @WithDefault("delete")
        String cleanupPolicy();

        /**
         * Kafka's {@code retention.ms}: how long a record of a {@code delete} topic is kept, judged by its timestamp;
         * {@code -1} keeps every record for ever (an event stream that rebuilds state, such as {@code ecoplan.progress}:
         * README "Replay that does not forget"). Empty: the broker's {@code log.retention.*} (7 days by default).
         */
        Optional<Long> retentionMs();

        /** Empty: the broker's {@code default.replication.factor} (3 in a production cluster, 1 on one broker). */
        Optional<Short> replicationFactor();

        /**
         * Replicas that must have an event before Kafka acknowledges it to our {@code acks=all} producers. Empty: the
         * broker's {@code min.insync.replicas} (2 of 3 in a production cluster: one broker may be down).
         */
        Optional<Integer> minInsyncReplicas();
    }
}
