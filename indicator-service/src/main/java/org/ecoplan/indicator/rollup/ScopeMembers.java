package org.ecoplan.indicator.rollup;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.ecoplan.catalogue.contract.AssignmentRole;
import org.ecoplan.catalogue.contract.Assignments;
import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.catalogue.contract.SectionState;
import org.ecoplan.catalogue.replica.CatalogueEntityChanged;
import org.ecoplan.catalogue.replica.CatalogueReplica;
import org.ecoplan.indicator.contract.ScopeType;
import org.ecoplan.indicator.rollup.RollupCalculator.Standing;
import org.ecoplan.progress.contract.DeliveryState;
import org.hibernate.Session;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The roll-up scopes each measure counts in ({@code rollup_scope_member}), worked out from the catalogue replica
 * once, when a measure or section changes, in the replica's own transaction; and the figures of scopes, counted
 * from those rows and the progress replica's ({@code progress_replica_measure}, {@code progress_replica_report}) in
 * one SQL statement. A progress event thus costs one aggregate over its scopes' members and no catalogue JSON at all
 * (it used to read and parse every measure of its plan and departments: a third of the service's CPU in issue 16's
 * profile).
 */
@ApplicationScoped
public class ScopeMembers {

    /** Measures worked out per transaction when catching up: a city's catalogue is thousands. */
    private static final int PER_TRANSACTION = 500;

    /** Never back to an older revision (a start-up catch-up that read the replica before a newer change came in). */
    private static final String MEASURE = """
            insert into rollup_measure (measure_id, revision) values (?, ?)
            on conflict (measure_id) do update set revision = excluded.revision
            where rollup_measure.revision <= excluded.revision""";

    private static final String MEMBERS = """
            insert into rollup_scope_member (scope_type, scope_id, measure_id)
            select * from unnest(cast(? as varchar[]), cast(? as varchar[]), cast(? as varchar[]))
            on conflict do nothing""";

    /**
     * Each member's standing, counted per scope: its decided delivery state, and whether it has a submitted or
     * approved report for the period (by a report event, or by the state event's last reported period). The rule
     * that turns these counts into figures is {@link RollupCalculator}'s, as for any other count.
     */
    private static final String STANDINGS = """
            select m.scope_type, m.scope_id, p.delivery_state,
                coalesce(p.last_reported_period = ?, false) or exists (select 1 from progress_replica_report r
                    where r.period = ? and r.measure_id = m.measure_id and r.state in ('SUBMITTED', 'APPROVED')) as reported,
                count(*) as measures
            from rollup_scope_member m
            left join progress_replica_measure p on p.measure_id = m.measure_id
            %s
            group by m.scope_type, m.scope_id, p.delivery_state, reported""";

    private static final String OF_SCOPES_OF_MEASURES = """
            where (m.scope_type, m.scope_id) in (select scope_type, scope_id from rollup_scope_member where measure_id = any(?))""";

    private final CatalogueReplica catalogue;
    private final ObjectMapper mapper;
    private final EntityManager entityManager;

    ScopeMembers(CatalogueReplica catalogue, ObjectMapper mapper, EntityManager entityManager) {
        this.catalogue = catalogue;
        this.mapper = mapper;
        this.entityManager = entityManager;
    }

    /** The scopes the measures count in, each once; none for a measure not (or not yet) in the catalogue. */
    List<Rollup.Key> scopesOf(Collection<String> measureIds) {
        return query("select distinct scope_type, scope_id from rollup_scope_member where measure_id = any(?)",
                List.of(measureIds), row -> new Rollup.Key(ScopeType.valueOf(row.getString(1)), row.getString(2)));
    }

    /** Figures of every scope that has measures. */
    Map<Rollup.Key, RollupFigures> figures(String period) {
        return figures(STANDINGS.formatted(""), List.of(period, period), period);
    }

    /** Figures of the scopes the measures count in, each from exactly that scope's members. */
    Map<Rollup.Key, RollupFigures> figuresOfScopesOf(Collection<String> measureIds, String period) {
        return figures(STANDINGS.formatted(OF_SCOPES_OF_MEASURES), List.of(period, period, measureIds), period);
    }

    private Map<Rollup.Key, RollupFigures> figures(String sql, List<Object> parameters, String period) {
        Map<Rollup.Key, Map<Standing, Integer>> standings = new HashMap<>();
        query(sql, parameters, row -> {
            String state = row.getString(3);
            standings.computeIfAbsent(new Rollup.Key(ScopeType.valueOf(row.getString(1)), row.getString(2)), key -> new HashMap<>())
                    .merge(new Standing(state == null ? null : DeliveryState.valueOf(state), row.getBoolean(4)), row.getInt(5), Integer::sum);
            return null;
        });
        Map<Rollup.Key, RollupFigures> figures = new HashMap<>();
        standings.forEach((key, counts) -> figures.put(key, RollupCalculator.figures(counts, period)));
        return figures;
    }

    // In the replica's transaction: a measure's scopes commit with its catalogue change, or not at all.
    void onCatalogueChange(@Observes CatalogueEntityChanged change) {
        if (CatalogueEvents.MEASURE.aggregateType().equals(change.aggregateType())) {
            if (change.removed()) {
                update("delete from rollup_measure where measure_id = ?", List.of(change.entityId()));
            } else {
                catalogue.find(MeasureState.class, change.entityId())
                        .ifPresent(measure -> workOut(List.of(measure), sectionsOfPlan(measure.planId())));
            }
        } else if (CatalogueEvents.SECTION.aggregateType().equals(change.aggregateType()) && !change.removed()) {
            // A section that arrives after its measures (the catalogue topic has no order across keys) or moves under
            // another parent changes the section chain of the measures that count in it.
            List<String> members = query("select measure_id from rollup_scope_member where scope_type = 'SECTION' and scope_id = ?",
                    List.of(change.entityId()), row -> row.getString(1));
            List<MeasureState> measures = new ArrayList<>();
            for (String id : members) {
                catalogue.find(MeasureState.class, id).ifPresent(measures::add);
            }
            if (!measures.isEmpty()) {
                workOut(measures, sectionsOfPlan(measures.get(0).planId()));
            }
        }
    }

    void onStart(@Observes StartupEvent start) {
        try {
            catchUp();
        } catch (RuntimeException e) {
            // The service still serves; the next catalogue events and the next start repair it.
            Log.errorf(e, "Working out the roll-up scopes of the catalogue replica's measures at start failed");
        }
    }

    /**
     * Works out the scopes of the measures the table lacks or holds at an older revision, and drops those the
     * replica no longer has: a replica filled before this table existed is never read from the topic again.
     *
     * @return how many measures were worked out or dropped
     */
    public int catchUp() {
        Map<String, Long> known = new HashMap<>();
        QuarkusTransaction.requiringNew().run(() -> query("select measure_id, revision from rollup_measure", List.of(), row -> {
            known.put(row.getString(1), row.getLong(2));
            return null;
        }));
        List<MeasureState> stale = new ArrayList<>();
        Map<String, SectionState> sections = new HashMap<>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (MeasureState measure : catalogue.all(MeasureState.class)) {
                Long revision = known.remove(measure.id());
                if (revision == null || revision != measure.revision()) {
                    stale.add(measure);
                }
            }
            if (!stale.isEmpty()) {
                catalogue.all(SectionState.class).forEach(section -> sections.put(section.id(), section));
            }
        });
        for (int from = 0; from < stale.size(); from += PER_TRANSACTION) {
            List<MeasureState> chunk = stale.subList(from, Math.min(stale.size(), from + PER_TRANSACTION));
            QuarkusTransaction.requiringNew().run(() -> workOut(chunk, sections));
        }
        if (!known.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> update("delete from rollup_measure where measure_id = any(?)",
                    List.of(known.keySet())));
        }
        int changed = stale.size() + known.size();
        if (changed > 0) {
            Log.infof("Roll-ups: worked out or dropped the scopes of %d measure(s) to match the catalogue replica", changed);
        }
        return changed;
    }

    /** Replaces the measures' scope rows by those of their current state. */
    private void workOut(List<MeasureState> measures, Map<String, SectionState> sections) {
        List<String> types = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<String> members = new ArrayList<>();
        for (MeasureState measure : measures) {
            if (update(MEASURE, List.of(measure.id(), measure.revision())) == 0) {
                continue;
            }
            update("delete from rollup_scope_member where measure_id = ?", List.of(measure.id()));
            for (Rollup.Key key : scopesOf(measure, sections)) {
                types.add(key.scopeType.name());
                ids.add(key.scopeId);
                members.add(measure.id());
            }
        }
        if (!members.isEmpty()) {
            update(MEMBERS, List.of(types, ids, members));
        }
    }

    private Map<String, SectionState> sectionsOfPlan(String planId) {
        Map<String, SectionState> sections = new HashMap<>();
        if (planId != null) {
            for (JsonNode json : catalogue.findContaining(CatalogueEvents.SECTION.aggregateType(), Map.of("planId", planId))) {
                try {
                    SectionState section = mapper.treeToValue(json, SectionState.class);
                    sections.put(section.id(), section);
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("Replicated section " + json.path("id") + " cannot be read", e);
                }
            }
        }
        return sections;
    }

    /**
     * Its plan, task, section chain, the departments that lead it or are responsible for it (a group for each
     * member) and, apart, those that only assist: an assisting department's figures only where it has no such
     * role on the measure.
     */
    static List<Rollup.Key> scopesOf(MeasureState measure, Map<String, SectionState> sections) {
        Set<Rollup.Key> keys = new LinkedHashSet<>();
        if (measure.planId() == null || measure.taskId() == null) {
            // Not a measure of a published plan (incomplete catalogue data): nothing to add it to.
            return List.of();
        }
        keys.add(new Rollup.Key(ScopeType.PLAN, measure.planId()));
        keys.add(new Rollup.Key(ScopeType.TASK, measure.taskId()));
        for (String section = measure.sectionId(); section != null; ) {
            if (!keys.add(new Rollup.Key(ScopeType.SECTION, section))) {
                break;
            }
            SectionState state = sections.get(section);
            section = state == null ? null : state.parentId();
        }
        Set<String> accountable = new LinkedHashSet<>(Assignments.accountable(measure.assignments()));
        for (String code : accountable) {
            keys.add(new Rollup.Key(ScopeType.DEPARTMENT, code));
        }
        for (String code : Assignments.departments(measure.assignments(), AssignmentRole.ASSISTING)) {
            if (!accountable.contains(code)) {
                keys.add(new Rollup.Key(ScopeType.DEPARTMENT_ASSISTING, code));
            }
        }
        return List.copyOf(keys);
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet row) throws java.sql.SQLException;
    }

    private <T> List<T> query(String sql, List<?> parameters, Row<T> mapper) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, parameters);
                try (ResultSet rows = statement.executeQuery()) {
                    List<T> result = new ArrayList<>();
                    while (rows.next()) {
                        result.add(mapper.read(rows));
                    }
                    return result;
                }
            }
        });
    }

    private int update(String sql, List<?> parameters) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, parameters);
                return statement.executeUpdate();
            }
        });
    }

    /** Collections are bound as {@code varchar[]}. */
    private static void bind(PreparedStatement statement, List<?> parameters) throws java.sql.SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i) instanceof Collection<?> values) {
                statement.setArray(i + 1, statement.getConnection().createArrayOf("varchar", values.toArray()));
            } else {
                statement.setObject(i + 1, parameters.get(i));
            }
        }
    }
}
