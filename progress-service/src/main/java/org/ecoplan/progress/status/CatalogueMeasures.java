package org.ecoplan.progress.status;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.catalogue.replica.CatalogueReplica;

import com.fasterxml.jackson.core.JsonProcessingException;
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
        return catalogue.all(MEASURE, this::readOpen);
    }

    /** Measures whose state contains {@code fields} (JSON containment, GIN-indexed). */
    public List<MeasureState> containing(Map<String, ?> fields) {
        return catalogue.findContaining(MEASURE, fields, this::readOpen);
    }

    /** Measures whose state contains any one of the field sets, in one query (each served by the containment index). */
    public List<MeasureState> containingAny(List<? extends Map<String, ?>> alternatives) {
        return catalogue.findContainingAny(MEASURE, alternatives, this::readOpen);
    }

    /**
     * Straight from the stored text into a record, never into a tree first and then again from the tree: a department's
     * to-do list reads ~144 payloads (306 kB) and the overdue sweep every measure, and parsing each twice did the work
     * twice. Closed measures (dropped by an adopted revised edition) keep their reports but are no longer tracked.
     */
    private Optional<MeasureState> readOpen(String id, String payload) {
        try {
            return Optional.of(mapper.readValue(payload, MeasureState.class)).filter(measure -> !measure.closed());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            Log.warnf("Replicated measure %s does not read as a measure and is left out: %s", id, e.getMessage());
            return Optional.empty();
        }
    }
}
