package org.ecoplan.catalogue.contract;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A year-end indicator of 附件4 with its target as the document states it (parsing is indicator-service's job).
 * Like a measure, an indicator that continues into an adopted revised edition keeps its id (its target may change);
 * one the revised edition dropped is published once more with {@code status} {@link Lifecycle#CLOSED}.
 */
public record IndicatorState(String id, long revision, String documentId, String district, int year, int number,
        String category, String name, String target, List<Assignment> lead, List<Assignment> cooperating,
        Lifecycle status) implements CatalogueState {

    public IndicatorState {
        status = status == null ? Lifecycle.OPEN : status;
    }

    /** An open indicator, as producers before the {@code status} field published them. */
    public IndicatorState(String id, long revision, String documentId, String district, int year, int number,
            String category, String name, String target, List<Assignment> lead, List<Assignment> cooperating) {
        this(id, revision, documentId, district, year, number, category, name, target, lead, cooperating,
                Lifecycle.OPEN);
    }

    @JsonIgnore
    public boolean closed() {
        return status == Lifecycle.CLOSED;
    }
}
