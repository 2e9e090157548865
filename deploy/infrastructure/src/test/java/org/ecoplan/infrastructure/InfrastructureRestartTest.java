package org.ecoplan.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the local run relies on: a restart on the same folders finds the data again. */
class InfrastructureRestartTest {

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path folder;

    @Test
    void postgresKeepsRowsAcrossRestart() throws Exception {
        Path data = folder.resolve("postgres");
        Path log = folder.resolve("postgres.log");
        try (PostgresServer server = PostgresServer.start(data, 0, log)) {
            assertTrue(server.createDatabaseIfMissing("ecoplan_restart"));
            try (Connection connection = server.openConnection("ecoplan_restart");
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE note (text varchar(100))");
                statement.execute("INSERT INTO note VALUES ('延庆区')");
                assertEquals("on", single(statement, "SHOW fsync"));
            }
        }
        assertFalse(Files.exists(data.resolve("postmaster.pid")), "stopped cleanly");
        try (PostgresServer server = PostgresServer.start(data, 0, log)) {
            assertFalse(server.createDatabaseIfMissing("ecoplan_restart"));
            try (Connection connection = server.openConnection("ecoplan_restart");
                    Statement statement = connection.createStatement()) {
                assertEquals("延庆区", single(statement, "SELECT text FROM note"));
            }
        }
    }

    @Test
    void kafkaKeepsTopicsAcrossRestart() throws Exception {
        Path data = folder.resolve("kafka");
        int port = FreePort.pick();
        int controllerPort = FreePort.pick();
        try (KafkaBroker broker = KafkaBroker.start(data, port, controllerPort); Admin admin = admin(broker)) {
            admin.createTopics(Set.of(new NewTopic("ecoplan.restart", 1, (short) 1))).all().get();
        }
        assertFalse(Files.exists(data.resolve("broker.pid")), "stopped cleanly");
        try (KafkaBroker broker = KafkaBroker.start(data, port, controllerPort); Admin admin = admin(broker)) {
            assertTrue(admin.listTopics().names().get().contains("ecoplan.restart"));
        }
    }

    private static Admin admin(KafkaBroker broker) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return Admin.create(config);
    }

    private static String single(Statement statement, String sql) throws Exception {
        try (ResultSet result = statement.executeQuery(sql)) {
            assertTrue(result.next());
            return result.getString(1);
        }
    }
}
