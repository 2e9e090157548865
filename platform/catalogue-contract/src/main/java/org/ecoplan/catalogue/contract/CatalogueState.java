package org.ecoplan.catalogue.contract;

/**
 * What every catalogue payload has: the entity id (also the Kafka key) and its revision, which grows with
 * every change of that entity so that a consumer can drop stale or repeated states.
 */
public sealed interface CatalogueState permits PlanDocumentState, PlanState, SectionState, TaskState, MeasureState,
        DepartmentState, DepartmentGroupState, IndicatorState {

    String id();

    long revision();
}
