package org.ecoplan.progress.status;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.catalogue.replica.CatalogueReplica;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

/**
 * Open measures of the catalogue replica for sweeps and lists (a closed one is neither overdue nor to do). One
 * replicated state that does not read as a measure (a newer contract, a hand-made test record) is logged and left
 * out, rather than failing the overdue check or a department's to-do list for every other measure.
 */
@ApplicationScoped
public class CatalogueMeasures {

    private static final String MEASURE = CatalogueEvents.MEASURE.aggregateType();

    private final CatalogueReplica catalogue;
    private final ObjectMapper mapper;

    CatalogueMeasures(CatalogueReplica catalogue, ObjectMapper mapper) {
        this.catalogue = catalogue;
        this.mapper = mapper;
    }

    public List<MeasureState> all() {
        return readable(catalogue.all(MEASURE));
    }

    /** Measures whose state contains {@code fields} (JSON containment, GIN-indexed). */
    public List<MeasureState> containing(Map<String, ?> fields) {
        return readable(catalogue.findContaining(MEASURE, fields));
    }

    /** Measures whose state contains any one of the field sets, in one query (each served by the containment index). */
    public List<MeasureState> containingAny(List<? extends Map<String, ?>> alternatives) {
        // Straight from the stored text into records: a department's to-do list reads ~144 payloads (306 kB), and
        // parsing each into a tree first and then the tree into a record did the work twice.
        return catalogue.findContainingAny(MEASURE, alternatives, this::readOpen);
    }

    private Optional<MeasureState> readOpen(String id, String payload) {
        try {
            return Optional.of(mapper.readValue(payload, MeasureState.class)).filter(measure -> !measure.closed());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            Log.warnf("Replicated measure %s does not read as a measure and is left out: %s", id, e.getMessage());
            return Optional.empty();
        }
    }

    /** Closed measures (dropped by an adopted revised edition) keep their reports but are no longer tracked. */
    private List<MeasureState> readable(List<JsonNode> states) {
        return states.stream().map(this::read).flatMap(Optional::stream).filter(measure -> !measure.closed()).toList();
    }

    private Optional<MeasureState> read(JsonNode json) {
        try {
            return Optional.of(mapper.treeToValue(json, MeasureState.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            Log.warnf("Replicated measure %s does not read as a measure and is left out: %s", json.path("id"), e.getMessage());
            return Optional.empty();
        }
    }
}
