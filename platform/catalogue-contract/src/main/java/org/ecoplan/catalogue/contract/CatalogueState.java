package org.ecoplan.catalogue.contract;

import java.util.Optional;

/**
 * What every catalogue payload has: the entity id (also the Kafka key) and its revision, which grows with
 * every change of that entity so that a consumer can drop stale or repeated states.
 */
public sealed interface CatalogueState permits PlanDocumentState, PlanState, SectionState, TaskState, MeasureState,
        DepartmentState, DepartmentGroupState, IndicatorState {

    String id();

    long revision();

    /**
     * The first thing wrong with this state that no consumer could store or judge (e.g. a measure's deadline in
     * the year 2027 BC), in words naming the field; empty if none. A replica dead-letters such a state.
     */
    default Optional<String> problem() {
        return Optional.empty();
    }
}
