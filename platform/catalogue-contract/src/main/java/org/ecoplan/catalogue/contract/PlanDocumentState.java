package org.ecoplan.catalogue.contract;

import java.time.Instant;

/** One imported plan document: a district's plans of one year in one edition (e.g. 征求意见稿). */
public record PlanDocumentState(String id, long revision, String district, int year, String edition,
        String checksum, Instant importedAt, int planCount, int indicatorCount) implements CatalogueState {
}
