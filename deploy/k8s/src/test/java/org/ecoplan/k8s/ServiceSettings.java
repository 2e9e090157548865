package org.ecoplan.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's application.properties says about its deployment: HTTP port, connection pool, the
 * topics it provisions (ecoplan.events.topics.*) and the topics and consumer groups of its channels.
 * The manifests are checked against this, so that the properties stay the one home of these values.
 */
record ServiceSettings(String name, int httpPort, int connectionPoolSize, Map<String, Topic> provisionedTopics,
        Map<String, String> consumedTopicsByGroup) {

    private static final Pattern TOPIC_SETTING = Pattern.compile("ecoplan\\.events\\.topics\\.\"([^\"]+)\"\\.([a-z-]+)");
    private static final Pattern CHANNEL_SETTING = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.(topic|group\\.id)");
    /** EventsConfig.Topic's defaults and Quarkus' default pool size. */
    private static final int DEFAULT_PARTITIONS = 12;
    private static final String DEFAULT_CLEANUP_POLICY = "delete";
    private static final int DEFAULT_POOL_SIZE = 20;

    /** @param retentionMs Kafka's {@code retention.ms}; empty: the broker's */
    record Topic(int partitions, String cleanupPolicy, Optional<Long> retentionMs) {
    }

    static ServiceSettings read(String service) {
        Path file = Manifests.REPOSITORY.resolve(service).resolve("src/main/resources/application.properties");
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Topic> topics = new TreeMap<>();
        Map<String, String[]> channels = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            Matcher topic = TOPIC_SETTING.matcher(key);
            if (topic.matches()) {
                topics.putIfAbsent(topic.group(1), new Topic(DEFAULT_PARTITIONS, DEFAULT_CLEANUP_POLICY, Optional.empty()));
            }
            Matcher channel = CHANNEL_SETTING.matcher(key);
            if (channel.matches()) {
                channels.putIfAbsent(channel.group(1), new String[2]);
            }
        }
        topics.replaceAll((name, defaults) -> new Topic(
                Integer.parseInt(properties.getProperty("ecoplan.events.topics.\"" + name + "\".partitions", "" + DEFAULT_PARTITIONS)),
                properties.getProperty("ecoplan.events.topics.\"" + name + "\".cleanup-policy", DEFAULT_CLEANUP_POLICY),
                Optional.ofNullable(properties.getProperty("ecoplan.events.topics.\"" + name + "\".retention-ms")).map(Long::valueOf)));
        Map<String, String> consumed = new TreeMap<>();
        channels.keySet().forEach(channel -> consumed.put(
                properties.getProperty("mp.messaging.incoming." + channel + ".group.id"),
                properties.getProperty("mp.messaging.incoming." + channel + ".topic")));
        return new ServiceSettings(service, Integer.parseInt(properties.getProperty("quarkus.http.port")),
                Integer.parseInt(properties.getProperty("quarkus.datasource.jdbc.max-size", "" + DEFAULT_POOL_SIZE)),
                topics, consumed);
    }

    /** @return the topics it provisions but does not consume: the ones its outbox publishes to */
    Set<String> ownTopics() {
        Set<String> own = new TreeSet<>(provisionedTopics.keySet());
        own.removeAll(consumedTopicsByGroup.values());
        return own;
    }
}
