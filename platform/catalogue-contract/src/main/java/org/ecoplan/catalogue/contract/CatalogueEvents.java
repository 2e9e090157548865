package org.ecoplan.catalogue.contract;

import java.util.Optional;

/**
 * The catalogue topic and its event types. Every event carries the entity's full current state, keyed by
 * the entity id, on a compacted topic: the latest event per key is enough to rebuild a copy of the
 * catalogue. Types carry their version; fields are only ever added, a breaking change is a new type.
 */
public enum CatalogueEvents {
    DOCUMENT("plan-document", "plan.document-changed.v1", PlanDocumentState.class),
    PLAN("plan", "plan.plan-changed.v1", PlanState.class),
    SECTION("section", "plan.section-changed.v1", SectionState.class),
    TASK("task", "plan.task-changed.v1", TaskState.class),
    MEASURE("measure", "plan.measure-changed.v1", MeasureState.class),
    DEPARTMENT("department", "plan.department-changed.v1", DepartmentState.class),
    DEPARTMENT_GROUP("department-group", "plan.department-group-changed.v1", DepartmentGroupState.class),
    INDICATOR("indicator", "plan.indicator-changed.v1", IndicatorState.class);

    /** Compacted: the latest record per entity id is the entity's state. */
    public static final String TOPIC = "ecoplan.plan";

    private final String aggregateType;
    private final String eventType;
    private final Class<? extends CatalogueState> stateType;

    CatalogueEvents(String aggregateType, String eventType, Class<? extends CatalogueState> stateType) {
        this.aggregateType = aggregateType;
        this.eventType = eventType;
        this.stateType = stateType;
    }

    /** The CloudEvents {@code aggregatetype} extension and the replica's entity kind. */
    public String aggregateType() {
        return aggregateType;
    }

    /** The CloudEvents {@code type}. */
    public String eventType() {
        return eventType;
    }

    public Class<? extends CatalogueState> stateType() {
        return stateType;
    }

    /** @return the kind for a CloudEvents {@code type}, empty for types this version does not know */
    public static Optional<CatalogueEvents> forEventType(String eventType) {
        for (CatalogueEvents kind : values()) {
            if (kind.eventType.equals(eventType)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    public static CatalogueEvents forState(CatalogueState state) {
        for (CatalogueEvents kind : values()) {
            if (kind.stateType.isInstance(state)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("not a catalogue state: " + state.getClass());
    }
}
