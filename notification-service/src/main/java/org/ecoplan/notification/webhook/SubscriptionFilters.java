package org.ecoplan.notification.webhook;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.catalogue.contract.PlanState;
import org.ecoplan.catalogue.replica.CatalogueReplica;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A subscription's department and plan filters, read against this service's copy of the plan catalogue. A
 * department filter names a department or a group (各街乡镇 = ALL-SUBDISTRICTS-TOWNS); events carry the
 * departments they concern with groups already expanded, so a group filter stands for its members as the
 * catalogue names them when the event is fanned out.
 */
@ApplicationScoped
public class SubscriptionFilters {

    /** Longer than any catalogue code or id; not looked up. */
    private static final int MAX_LENGTH = 100;

    private final CatalogueReplica catalogue;

    SubscriptionFilters(CatalogueReplica catalogue) {
        this.catalogue = catalogue;
    }

    /** Why {@code code} cannot be a department filter; empty when the catalogue knows it (or no filter). */
    public Optional<String> departmentProblem(String code) {
        if (code == null) {
            return Optional.empty();
        }
        if (lookable(code) && (!department(code).isEmpty() || group(code).isPresent())) {
            return Optional.empty();
        }
        return Optional.of("no department or department group of the plan catalogue has this code (codes are as"
                + " the catalogue writes them, e.g. ENV or ALL-SUBDISTRICTS-TOWNS) / 未知部门或部门组编码");
    }

    /** Why {@code planId} cannot be a plan filter; empty when the catalogue knows the plan (or no filter). */
    public Optional<String> planProblem(String planId) {
        if (planId == null || lookable(planId) && catalogue.find(PlanState.class, planId).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("no plan of the plan catalogue has this id / 未知行动计划");
    }

    /** The department codes a filter stands for now: the code itself and, for a group, its members. */
    public Set<String> departmentsOf(String code) {
        Set<String> codes = new LinkedHashSet<>();
        codes.add(code);
        // DepartmentGroupState.memberCodes: empty for an open group whose members are not named yet.
        group(code).ifPresent(group -> group.path("memberCodes").forEach(member -> codes.add(member.asText())));
        return codes;
    }

    private List<JsonNode> department(String code) {
        return catalogue.findContaining(CatalogueEvents.DEPARTMENT.aggregateType(), Map.of("code", code));
    }

    private Optional<JsonNode> group(String code) {
        return catalogue.findContaining(CatalogueEvents.DEPARTMENT_GROUP.aggregateType(), Map.of("code", code)).stream().findFirst();
    }

    /** Text the catalogue could hold: bounded, without control characters (PostgreSQL refuses NUL in text). */
    private static boolean lookable(String text) {
        return text.length() <= MAX_LENGTH && text.chars().noneMatch(Character::isISOControl);
    }
}
