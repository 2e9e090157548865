package org.ecoplan.catalogue.replica;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.catalogue.contract.CatalogueState;
import org.ecoplan.catalogue.replica.api.CatalogueStatus;
import org.ecoplan.events.EventJson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * This service's copy of the plan catalogue: the latest state of every catalogue entity, read from
 * the local database, so that request paths never call plan-service. Aggregate types are those of
 * the catalogue events' {@code ce_aggregatetype} ({@link CatalogueEvents#aggregateType()}); the typed
 * methods map the contract's state records to them.
 */
@ApplicationScoped
public class CatalogueReplica {

    private static final String FIND = "select payload::text from catalogue_entity where aggregate_type = ? and entity_id = ?";
    private static final String ALL = "select payload::text from catalogue_entity where aggregate_type = ? order by entity_id";
    private static final String CONTAINING = """
            select payload::text from catalogue_entity
            where aggregate_type = ? and payload @> cast(? as jsonb) order by entity_id""";
    private static final String ALL_WITH_IDS = "select entity_id, payload::text from catalogue_entity where aggregate_type = ? order by entity_id";
    private static final String CONTAINING_WITH_IDS = """
            select entity_id, payload::text from catalogue_entity
            where aggregate_type = ? and payload @> cast(? as jsonb) order by entity_id""";
    private static final String BY_IDS = """
            select payload::text from catalogue_entity where aggregate_type = ? and entity_id = any(?) order by entity_id""";
    private static final String COUNT = "select count(*) from catalogue_entity where aggregate_type = ?";
    private static final String REVISION = "select revision from catalogue_entity where aggregate_type = ? and entity_id = ?";
    private static final String STATUS = """
            select aggregate_type, count(*), max(updated_at) from catalogue_entity group by aggregate_type""";
    private static final String UPSERT_IF_NEWER = """
            insert into catalogue_entity (aggregate_type, entity_id, revision, payload, event_id, updated_at)
            values (?, ?, ?, cast(? as jsonb), ?, now())
            on conflict (aggregate_type, entity_id) do update
            set revision = excluded.revision, payload = excluded.payload,
                event_id = excluded.event_id, updated_at = excluded.updated_at
            where catalogue_entity.revision < excluded.revision""";
    private static final String REMOVE = "delete from catalogue_entity where aggregate_type = ? and entity_id = ?";

    private final DataSource dataSource;
    /** Tolerant: a state stored from a newer plan-service may carry fields this version does not know. */
    private final ObjectMapper mapper;

    CatalogueReplica(DataSource dataSource, EventJson json) {
        this.dataSource = dataSource;
        this.mapper = json.mapper();
    }

    public Optional<JsonNode> find(String aggregateType, String id) {
        return query(FIND, aggregateType, id).stream().findFirst();
    }

    /** The entity's state mapped to a record, e.g. one of the catalogue contract's payloads. */
    public <T> Optional<T> find(String aggregateType, String id, Class<T> type) {
        // From the stored text straight into the record: parsed once, not into a tree and then from the tree (a
        // report's filing reads its measure this way, and the double parse was 3 % of its CPU).
        return texts(FIND, aggregateType, id).stream().findFirst().map(text -> read(text, type, id));
    }

    /** All entities of one type, ordered by id. */
    public List<JsonNode> all(String aggregateType) {
        return query(ALL, aggregateType);
    }

    /**
     * All entities of one type, ordered by id, each handed to {@code reader} as the JSON text it is stored as: a sweep
     * read straight into records parses every payload once, not into a tree and then again from the tree. What the
     * reader answers empty is left out.
     */
    public <T> List<T> all(String aggregateType, PayloadReader<T> reader) {
        return read(ALL_WITH_IDS, reader, aggregateType);
    }

    /** Typed look-up by the contract's state record, e.g. {@code find(MeasureState.class, id)}. */
    public <S extends CatalogueState> Optional<S> find(Class<S> stateType, String id) {
        return find(aggregateType(stateType), id, stateType);
    }

    /** All entities of one kind as the contract's state records, ordered by id. */
    public <S extends CatalogueState> List<S> all(Class<S> stateType) {
        return texts(ALL, aggregateType(stateType)).stream().map(text -> read(text, stateType, null)).toList();
    }

    public long count(Class<? extends CatalogueState> stateType) {
        return count(aggregateType(stateType));
    }

    /**
     * Entities whose state contains all the given fields with these values (JSON containment, served
     * by an index), e.g. {@code findContaining("measure", Map.of("departmentCode", "YQ-ST"))}.
     */
    public List<JsonNode> findContaining(String aggregateType, Map<String, ?> fields) {
        try {
            return query(CONTAINING, aggregateType, mapper.writeValueAsString(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Fields cannot be written as JSON: " + fields, e);
        }
    }

    /** As {@link #findContaining(String, Map)}, each payload read by {@code reader} from its stored text (parsed once). */
    public <T> List<T> findContaining(String aggregateType, Map<String, ?> fields, PayloadReader<T> reader) {
        try {
            return read(CONTAINING_WITH_IDS, reader, aggregateType, mapper.writeValueAsString(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Fields cannot be written as JSON: " + fields, e);
        }
    }

    /**
     * Entities whose state contains any one of the given field sets, in one query (each alternative served by the
     * containment index), e.g. the sections of three plans.
     */
    public List<JsonNode> findContainingAny(String aggregateType, List<? extends Map<String, ?>> alternatives) {
        return findContainingAny(aggregateType, alternatives, (id, payload) -> Optional.of(mapper.readTree(payload)));
    }

    /**
     * As {@link #findContainingAny(String, List)}, each payload handed to {@code reader} as the JSON text it is stored
     * as, so that a list read straight into records parses every payload once (not into a tree and then again from the
     * tree); what the reader answers empty is left out.
     */
    public <T> List<T> findContainingAny(String aggregateType, List<? extends Map<String, ?>> alternatives,
            PayloadReader<T> reader) {
        if (alternatives.isEmpty()) {
            return List.of();
        }
        String[] parameters = new String[alternatives.size() + 1];
        parameters[0] = aggregateType;
        StringBuilder sql = new StringBuilder("select entity_id, payload::text from catalogue_entity where aggregate_type = ? and (");
        for (int i = 0; i < alternatives.size(); i++) {
            sql.append(i == 0 ? "" : " or ").append("payload @> cast(? as jsonb)");
            try {
                parameters[i + 1] = mapper.writeValueAsString(alternatives.get(i));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("Fields cannot be written as JSON: " + alternatives.get(i), e);
            }
        }
        return read(sql.append(") order by entity_id").toString(), reader, parameters);
    }

    /** Reads one stored state from its JSON text. */
    @FunctionalInterface
    public interface PayloadReader<T> {
        /** @return the state as the caller wants it; empty: leave this entity out */
        Optional<T> read(String entityId, String payload) throws JsonProcessingException;
    }

    /** Entities of one kind by id, in one query; ids it does not hold are left out. */
    public <S extends CatalogueState> List<S> findAll(Class<S> stateType, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        // Straight from the stored text into the records (a to-do list reads its tasks and plans this way).
        return run(BY_IDS, statement -> {
            statement.setString(1, aggregateType(stateType));
            statement.setArray(2, statement.getConnection().createArrayOf("varchar", ids.toArray()));
            var entities = new ArrayList<S>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    entities.add(read(result.getString(1), stateType, null));
                }
            }
            return entities;
        });
    }

    public long count(String aggregateType) {
        return run(COUNT, statement -> {
            statement.setString(1, aggregateType);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        });
    }

    /** The revision of the stored state; empty if the entity is unknown here or was removed. */
    public Optional<Long> revision(String aggregateType, String id) {
        return run(REVISION, statement -> {
            statement.setString(1, aggregateType);
            statement.setString(2, id);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? Optional.of(result.getLong(1)) : Optional.empty();
            }
        });
    }

    public CatalogueStatus status() {
        return run(STATUS, statement -> {
            var counts = new TreeMap<String, Long>();
            Instant lastUpdatedAt = null;
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    counts.put(result.getString(1), result.getLong(2));
                    Instant updatedAt = result.getTimestamp(3).toInstant();
                    if (lastUpdatedAt == null || updatedAt.isAfter(lastUpdatedAt)) {
                        lastUpdatedAt = updatedAt;
                    }
                }
            }
            return new CatalogueStatus(counts, lastUpdatedAt);
        });
    }

    /** @return {@code false} if the stored state is as new or newer (a stale or repeated event) */
    boolean storeIfNewer(String aggregateType, String id, long revision, String payload, UUID eventId) {
        return run(UPSERT_IF_NEWER, statement -> {
            statement.setString(1, aggregateType);
            statement.setString(2, id);
            statement.setLong(3, revision);
            statement.setString(4, payload);
            statement.setObject(5, eventId);
            return statement.executeUpdate() == 1;
        });
    }

    /** @return {@code false} if there was nothing to remove */
    boolean remove(String aggregateType, String id) {
        return run(REMOVE, statement -> {
            statement.setString(1, aggregateType);
            statement.setString(2, id);
            return statement.executeUpdate() == 1;
        });
    }

    private List<JsonNode> query(String sql, String... parameters) {
        return rows(sql, result -> mapper.readTree(result.getString(1)), parameters);
    }

    /** Each row's {@code entity_id} and payload text handed to {@code reader}; what it answers empty is left out. */
    private <T> List<T> read(String sql, PayloadReader<T> reader, String... parameters) {
        return rows(sql, result -> reader.read(result.getString(1), result.getString(2)).orElse(null), parameters);
    }

    /** The payloads as stored JSON text, for reading straight into records. */
    private List<String> texts(String sql, String... parameters) {
        return rows(sql, result -> result.getString(1), parameters);
    }

    /** The statement run with these text parameters, each row mapped; a row mapped to {@code null} is left out. */
    private <T> List<T> rows(String sql, Row<T> row, String... parameters) {
        return run(sql, statement -> {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            var mapped = new ArrayList<T>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    T value = row.map(result);
                    if (value != null) {
                        mapped.add(value);
                    }
                }
            }
            return mapped;
        });
    }

    @FunctionalInterface
    private interface Row<T> {
        T map(ResultSet result) throws SQLException, JsonProcessingException;
    }

    private <T> T read(String text, Class<T> type, String id) {
        try {
            return mapper.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Replicated " + (id == null ? "state" : id) + " cannot be read as "
                    + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    private static String aggregateType(Class<? extends CatalogueState> stateType) {
        for (CatalogueEvents kind : CatalogueEvents.values()) {
            if (kind.stateType().equals(stateType)) {
                return kind.aggregateType();
            }
        }
        throw new IllegalArgumentException("Not a catalogue state type: " + stateType.getName());
    }

    /** Joins the caller's transaction if there is one (the pool enlists the connection). */
    private <T> T run(String sql, Statement<T> work) {
        try (var connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            return work.apply(statement);
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Catalogue replica query failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Statement<T> {
        T apply(PreparedStatement statement) throws SQLException, JsonProcessingException;
    }
}
