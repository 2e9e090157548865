package org.ecoplan.indicator.overview;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.ecoplan.catalogue.contract.Assignment;
import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.catalogue.replica.CatalogueEntityChanged;
import org.ecoplan.catalogue.replica.CatalogueReplica;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Keeps {@code overview_measure} and {@code overview_assignment}, a flat copy of the catalogue replica's measures
 * and their departments by role, so that the overview filters, counts and pages in SQL with indexes. Written in the
 * replica's transaction (the change and its copy commit together); a measure is copied only at a newer revision,
 * so the consumer and the start-up catch-up of two instances may meet on the same measure without harm.
 */
@ApplicationScoped
public class MeasureIndex {

    private static final String UPSERT = """
            insert into overview_measure (measure_id, revision, plan_id, section_id, task_id, year, task_number, position,
                text, deadline_kind, deadline_label, deadline_start, deadline_end)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (measure_id) do update set revision = excluded.revision, plan_id = excluded.plan_id,
                section_id = excluded.section_id, task_id = excluded.task_id, year = excluded.year,
                task_number = excluded.task_number, position = excluded.position, text = excluded.text,
                deadline_kind = excluded.deadline_kind, deadline_label = excluded.deadline_label,
                deadline_start = excluded.deadline_start, deadline_end = excluded.deadline_end
            where overview_measure.revision < excluded.revision""";

    /** All of a measure's rows in one statement: five parallel arrays. */
    private static final String ASSIGNMENTS = """
            insert into overview_assignment (measure_id, role, party_kind, party_code, via_group)
            select * from unnest(cast(? as varchar[]), cast(? as varchar[]), cast(? as varchar[]), cast(? as varchar[]),
                cast(? as varchar[]))
            on conflict do nothing""";
    /** Measures copied per transaction when catching up: a city's catalogue is thousands. */
    private static final int PER_TRANSACTION = 500;

    private final CatalogueReplica replica;
    private final Sql sql;

    MeasureIndex(CatalogueReplica replica, Sql sql) {
        this.replica = replica;
        this.sql = sql;
    }

    void onCatalogueChange(@Observes CatalogueEntityChanged change) {
        if (!CatalogueEvents.MEASURE.aggregateType().equals(change.aggregateType())) {
            return;
        }
        if (change.removed()) {
            sql.update("delete from overview_measure where measure_id = ?", List.of(change.entityId()));
            return;
        }
        replica.find(MeasureState.class, change.entityId()).ifPresent(this::copy);
    }

    /**
     * Copies what the replica holds and this table does not, or holds at an older revision, and drops measures the
     * replica no longer has: a replica filled before this table existed is never read from the topic again. In
     * transactions of {@value #PER_TRANSACTION} measures, so that a city's catalogue stays within a transaction's
     * time limit; the revision check makes an interrupted catch-up resume where it stopped.
     *
     * @return how many measures were copied or dropped
     */
    public int catchUp() {
        Map<String, Long> copied = new HashMap<>();
        QuarkusTransaction.requiringNew().run(() -> sql.query("select measure_id, revision from overview_measure", List.of(),
                row -> copied.put(row.getString(1), row.getLong(2))));
        List<MeasureState> stale = new ArrayList<>();
        for (MeasureState measure : QuarkusTransaction.requiringNew().call(() -> replica.all(MeasureState.class))) {
            Long revision = copied.remove(measure.id());
            if (revision == null || revision < measure.revision()) {
                stale.add(measure);
            }
        }
        for (int from = 0; from < stale.size(); from += PER_TRANSACTION) {
            List<MeasureState> chunk = stale.subList(from, Math.min(stale.size(), from + PER_TRANSACTION));
            QuarkusTransaction.requiringNew().run(() -> chunk.forEach(this::copy));
        }
        if (!copied.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> sql.update("delete from overview_measure where measure_id = any(?)",
                    List.of(Sql.array(copied.keySet()))));
        }
        int changed = stale.size() + copied.size();
        if (changed > 0) {
            Log.infof("Overview: copied or dropped %d measure(s) to match the catalogue replica", changed);
        }
        return changed;
    }

    private void copy(MeasureState measure) {
        if (measure.planId() == null || measure.taskId() == null) {
            // Not a measure of a published plan (incomplete catalogue data): nothing to supervise.
            return;
        }
        MeasureState.Deadline deadline = measure.deadline();
        List<Object> values = new ArrayList<>();
        values.add(measure.id());
        values.add(measure.revision());
        values.add(measure.planId());
        values.add(measure.sectionId());
        values.add(measure.taskId());
        values.add(measure.year());
        values.add(measure.taskNumber());
        values.add(measure.position());
        values.add(measure.text() == null ? "" : measure.text());
        values.add(deadline == null ? null : deadline.kind());
        values.add(deadline == null ? null : deadline.label());
        values.add(deadline == null ? null : deadline.start());
        values.add(deadline == null ? null : deadline.end());
        if (sql.update(UPSERT, values) == 0) {
            return;
        }
        sql.update("delete from overview_assignment where measure_id = ?", List.of(measure.id()));
        List<String> roles = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (Assignment assignment : measure.assignments() == null ? List.<Assignment>of() : measure.assignments()) {
            if (assignment.departmentCode() != null) {
                add(roles, kinds, codes, groups, assignment.role(), "DEPARTMENT", assignment.departmentCode(), null);
            } else if (assignment.groupCode() != null) {
                add(roles, kinds, codes, groups, assignment.role(), "GROUP", assignment.groupCode(), null);
                for (String member : assignment.departmentCodes()) {
                    add(roles, kinds, codes, groups, assignment.role(), "MEMBER", member, assignment.groupCode());
                }
            }
        }
        if (!roles.isEmpty()) {
            List<String> ids = java.util.Collections.nCopies(roles.size(), measure.id());
            sql.update(ASSIGNMENTS, List.of(Sql.array(ids), Sql.array(roles), Sql.array(kinds), Sql.array(codes), Sql.array(groups)));
        }
    }

    private static void add(List<String> roles, List<String> kinds, List<String> codes, List<String> groups, String role,
            String kind, String code, String viaGroup) {
        roles.add(role);
        kinds.add(kind);
        codes.add(code);
        groups.add(viaGroup);
    }
}
