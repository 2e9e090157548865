package org.ecoplan.events;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.ecoplan.infrastructure.FreePort;
import org.ecoplan.infrastructure.KafkaBroker;
import org.ecoplan.testing.TestInfrastructure;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The shared test broker must never go down, so a test that stops Kafka gets a broker of its own:
 * started here on fixed ports in its own data folder, so that the test can stop it
 * ({@link KafkaBroker#stopLeftover}) and start it again on the same folder and ports
 * ({@link KafkaBroker#start}). PostgreSQL is the shared one.
 */
public class DedicatedKafkaResource implements QuarkusTestResourceLifecycleManager {

    static final String DATA_DIRECTORY = "ecoplan.test.dedicated-kafka.data-directory";
    static final String PORT = "ecoplan.test.dedicated-kafka.port";
    static final String CONTROLLER_PORT = "ecoplan.test.dedicated-kafka.controller-port";

    private Path dataDirectory;

    @Override
    public Map<String, String> start() {
        dataDirectory = Path.of(System.getProperty("java.io.tmpdir"), "dedicated-kafka-" + UUID.randomUUID());
        int port = FreePort.pick();
        int controllerPort = FreePort.pick();
        KafkaBroker broker = KafkaBroker.start(dataDirectory, port, controllerPort);

        var config = new HashMap<>(TestInfrastructure.quarkusConfig());
        config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        config.put(DATA_DIRECTORY, dataDirectory.toString());
        config.put(PORT, String.valueOf(port));
        config.put(CONTROLLER_PORT, String.valueOf(controllerPort));
        // Notice the broker's return quickly.
        config.put("ecoplan.events.poll-interval", "1s");
        config.put("ecoplan.events.send-timeout", "3s");
        config.put("ecoplan.events.max-backoff", "2s");
        return config;
    }

    @Override
    public void stop() {
        if (dataDirectory != null) {
            KafkaBroker.stopLeftover(dataDirectory);
        }
    }
}
