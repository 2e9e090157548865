package org.ecoplan.notification.webhook;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.catalogue.contract.DepartmentState;
import org.ecoplan.catalogue.replica.CatalogueReplica;
import org.ecoplan.testing.EventWriter;

/**
 * A department of a test's own, published to the catalogue topic as plan-service would and awaited in this
 * service's copy, so that a subscription filtered on it is accepted and sees only that test's events.
 */
final class TestDepartments {

    private TestDepartments() {
    }

    static String create(CatalogueReplica replica) {
        String code = "WH-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String id = UUID.randomUUID().toString();
        try (var writer = new EventWriter("/ecoplan/plan-service")) {
            writer.send(UUID.randomUUID(), CatalogueEvents.TOPIC, CatalogueEvents.DEPARTMENT.aggregateType(), id,
                    CatalogueEvents.DEPARTMENT.eventType(), new DepartmentState(id, 1, code, "测试部门 " + code, "DEPARTMENT", "延庆区"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                !replica.findContaining(CatalogueEvents.DEPARTMENT.aggregateType(), Map.of("code", code)).isEmpty());
        return code;
    }
}
