package org.ecoplan.notification.supervision;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecoplan.catalogue.contract.Assignment;
import org.ecoplan.catalogue.contract.AssignmentRole;
import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.notification.alert.AlertRule;
import org.ecoplan.notification.inbox.Audience;

/**
 * Who gets a rule's alert: the departments in the roles the configuration names for the rule (groups
 * expanded to their members), their heads and/or the supervisors.
 */
@ApplicationScoped
public class Recipients {

    /** Without a policy for the rule: the departments that answer for the measure (牵头/主责). */
    private static final List<String> ACCOUNTABLE = Stream.of(AssignmentRole.values()).filter(AssignmentRole::accountable)
            .map(Enum::name).toList();

    private final SupervisionConfig config;

    Recipients(SupervisionConfig config) {
        this.config = config;
    }

    /** @param departmentsByRole department codes by role name, groups already expanded */
    public Addressed address(AlertRule rule, Map<String, List<String>> departmentsByRole) {
        SupervisionConfig.Recipients policy = config.recipients().get(rule.configKey());
        List<String> roles = policy == null ? ACCOUNTABLE : policy.roles();
        Set<String> departments = new LinkedHashSet<>();
        for (String role : roles) {
            departments.addAll(departmentsByRole.getOrDefault(role.trim(), List.of()));
        }
        Set<Audience> audiences = new LinkedHashSet<>();
        for (String code : departments) {
            if (policy == null || policy.departments()) {
                audiences.add(Audience.department(code));
            }
            if (policy != null && policy.heads()) {
                audiences.add(Audience.head(code));
            }
        }
        if (policy != null && policy.supervisors()) {
            audiences.add(Audience.SUPERVISORS);
        }
        return new Addressed(List.copyOf(departments), audiences);
    }

    public Addressed address(AlertRule rule, MeasureState measure) {
        return address(rule, departmentsByRole(measure));
    }

    /** A measure's department codes by role; a group counts as each of its members. */
    public static Map<String, List<String>> departmentsByRole(MeasureState measure) {
        Map<String, List<String>> byRole = new HashMap<>();
        for (Assignment assignment : measure.assignments() == null ? List.<Assignment>of() : measure.assignments()) {
            byRole.computeIfAbsent(assignment.role(), role -> new ArrayList<>()).addAll(assignment.departmentCodes());
        }
        return byRole;
    }

    /** Every department a measure names, in any role. */
    public static List<String> allDepartments(MeasureState measure) {
        return departmentsByRole(measure).values().stream().flatMap(List::stream).distinct().toList();
    }

    public record Addressed(List<String> departments, Set<Audience> audiences) {

        public Addressed with(Audience audience, String department) {
            Set<Audience> more = new LinkedHashSet<>(audiences);
            more.add(audience);
            List<String> codes = new ArrayList<>(departments);
            if (department != null && !codes.contains(department)) {
                codes.add(department);
            }
            return new Addressed(codes, more);
        }
    }
}
