package org.ecoplan.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} a real PostgreSQL database and a real Kafka broker, plus the key that
 * verifies {@link Tokens}. Use it on a test class as
 * {@code @WithTestResource(RealInfrastructureResource.class)} (or with {@code scope = TestResourceScope.GLOBAL}
 * once per module); the deprecated {@code @QuarkusTestResource} is not used in this project.
 * It returns {@code quarkus.datasource.jdbc.url/username/password}, {@code kafka.bootstrap.servers},
 * {@code mp.jwt.verify.publickey} (PEM), {@code mp.jwt.verify.publickey.location} (the same key in a
 * file) and {@code mp.jwt.verify.issuer}. The servers are started once per
 * test JVM, however often Quarkus calls {@link #start()}, and stopped when the JVM ends (see
 * {@link TestInfrastructure}).
 */
public class RealInfrastructureResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return TestInfrastructure.quarkusConfig();
    }

    @Override
    public void stop() {
        // Nothing: the next application restart in this JVM reuses the servers; a shutdown hook stops them.
    }
}
