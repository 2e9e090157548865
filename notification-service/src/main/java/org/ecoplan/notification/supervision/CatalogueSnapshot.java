package org.ecoplan.notification.supervision;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.catalogue.contract.PlanState;
import org.ecoplan.catalogue.replica.CatalogueEntityChanged;
import org.ecoplan.catalogue.replica.CatalogueNames;
import org.ecoplan.catalogue.replica.CatalogueReplica;

/**
 * The measures (with their plans and the departments' names) in memory, so that a tick evaluates all of them
 * without a query each and walking a year day by day takes seconds. Reloaded from the replica after any
 * committed catalogue change.
 */
@ApplicationScoped
public class CatalogueSnapshot {

    private final CatalogueReplica replica;
    private final CatalogueNames names;
    private final AtomicLong changes = new AtomicLong();
    private volatile Loaded loaded;

    CatalogueSnapshot(CatalogueReplica replica, CatalogueNames names) {
        this.replica = replica;
        this.names = names;
    }

    // After success: a reload before the replica's commit would miss the change and keep missing it.
    void onCatalogueChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) CatalogueEntityChanged change) {
        changes.incrementAndGet();
    }

    public List<MeasureState> measures() {
        return current().measures();
    }

    public Optional<MeasureState> measure(String id) {
        return Optional.ofNullable(current().byId().get(id));
    }

    /** The measure's key task as people cite it, {@code 附件1 第30项} ({@code 第30项} while its plan is unknown here). */
    public String taskReference(MeasureState measure) {
        PlanState plan = current().plans().get(measure.planId());
        return plan == null ? "第" + measure.taskNumber() + "项" : plan.taskReference(measure.taskNumber());
    }

    /** A department's or group's Chinese name, the code itself while the catalogue does not know it. */
    public String departmentName(String code) {
        return current().departmentNames().getOrDefault(code, code);
    }

    private Loaded current() {
        Loaded snapshot = loaded;
        long version = changes.get();
        if (snapshot == null || snapshot.version() != version) {
            List<MeasureState> measures = replica.all(MeasureState.class);
            snapshot = new Loaded(version, measures,
                    measures.stream().collect(Collectors.toMap(MeasureState::id, Function.identity())),
                    replica.all(PlanState.class).stream().collect(Collectors.toMap(PlanState::id, Function.identity())),
                    names.departmentNames());
            loaded = snapshot;
        }
        return snapshot;
    }

    private record Loaded(long version, List<MeasureState> measures, Map<String, MeasureState> byId,
            Map<String, PlanState> plans, Map<String, String> departmentNames) {
    }
}
