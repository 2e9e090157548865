package org.ecoplan.catalogue.contract;

import java.util.List;

/** A year-end indicator of 附件4 with its target as the document states it (parsing is indicator-service's job). */
public record IndicatorState(String id, long revision, String documentId, String district, int year, int number,
        String category, String name, String target, List<Assignment> lead, List<Assignment> cooperating)
        implements CatalogueState {
}
