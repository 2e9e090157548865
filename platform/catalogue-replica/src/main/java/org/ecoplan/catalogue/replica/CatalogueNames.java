package org.ecoplan.catalogue.replica;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.catalogue.contract.DepartmentGroupState;
import org.ecoplan.catalogue.contract.DepartmentState;
import org.ecoplan.catalogue.contract.PlanState;
import org.ecoplan.catalogue.contract.TaskState;

/**
 * What people read instead of codes and ids, from this service's catalogue copy: a department's or group's
 * Chinese name by its code, and a key task as {@code 附件1 第5项} with its title. Read from the database on
 * every call, never cached, so that every replica of a service answers alike.
 */
@ApplicationScoped
public class CatalogueNames {

    private final CatalogueReplica catalogue;

    CatalogueNames(CatalogueReplica catalogue) {
        this.catalogue = catalogue;
    }

    /** Every department's and group's name by code (a few dozen rows: one read per response, not per item). */
    public Map<String, String> departmentNames() {
        Map<String, String> names = new HashMap<>();
        for (DepartmentGroupState group : catalogue.all(DepartmentGroupState.class)) {
            names.put(group.code(), group.name());
        }
        for (DepartmentState department : catalogue.all(DepartmentState.class)) {
            names.put(department.code(), department.name());
        }
        return names;
    }

    /** The department's (or group's) name, empty if the catalogue does not know the code. */
    public Optional<String> departmentName(String code) {
        for (CatalogueEvents kind : List.of(CatalogueEvents.DEPARTMENT, CatalogueEvents.DEPARTMENT_GROUP)) {
            var found = catalogue.findContaining(kind.aggregateType(), Map.of("code", code));
            if (!found.isEmpty()) {
                return Optional.of(found.get(0).path("name").asText());
            }
        }
        return Optional.empty();
    }

    /** One task's reference and title (two keyed reads). */
    public Optional<TaskReference> task(String taskId) {
        if (taskId == null) {
            return Optional.empty();
        }
        return catalogue.find(TaskState.class, taskId)
                .map(task -> TaskReference.of(task, catalogue.find(PlanState.class, task.planId()).orElse(null)));
    }

    /** Every task's reference and title by task id, for a list (one read of plans and one of tasks). */
    public Map<String, TaskReference> tasks() {
        Map<String, PlanState> plans = catalogue.all(PlanState.class).stream()
                .collect(Collectors.toMap(PlanState::id, Function.identity()));
        return catalogue.all(TaskState.class).stream()
                .collect(Collectors.toMap(TaskState::id, task -> TaskReference.of(task, plans.get(task.planId()))));
    }

    /**
     * The given tasks' references and titles by task id, for a list (two keyed reads: the tasks, then their plans),
     * whatever the size of the catalogue; ids it does not hold are left out.
     */
    public Map<String, TaskReference> tasks(Collection<String> taskIds) {
        List<TaskState> tasks = catalogue.findAll(TaskState.class, taskIds.stream().filter(Objects::nonNull).distinct().toList());
        Map<String, PlanState> plans = catalogue.findAll(PlanState.class, tasks.stream().map(TaskState::planId)
                .filter(Objects::nonNull).distinct().toList()).stream()
                .collect(Collectors.toMap(PlanState::id, Function.identity()));
        return tasks.stream().collect(Collectors.toMap(TaskState::id, task -> TaskReference.of(task, plans.get(task.planId()))));
    }

    /**
     * A key task as people cite it.
     *
     * @param reference {@code 附件1 第5项} (just {@code 第5项} while the plan is unknown here)
     * @param title     the task's name, e.g. {@code 推进移动源污染治理}
     */
    public record TaskReference(String reference, String title) {

        static TaskReference of(TaskState task, PlanState plan) {
            return new TaskReference(plan == null ? "第" + task.number() + "项" : plan.taskReference(task.number()),
                    task.name());
        }
    }
}
