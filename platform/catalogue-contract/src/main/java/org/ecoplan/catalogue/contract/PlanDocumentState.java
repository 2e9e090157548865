package org.ecoplan.catalogue.contract;

import java.time.Instant;

/**
 * One imported plan document: a district's plans of one year in one edition (e.g. 征求意见稿).
 *
 * <p>{@code status} (added with edition adoption): {@link EditionStatus#CURRENT} for the edition the district works
 * to, {@link EditionStatus#SUPERSEDED} once a later edition was adopted (published again with a higher revision);
 * {@code supersededBy} then names the adopted edition's document. Absent in older producers' states: current.
 */
public record PlanDocumentState(String id, long revision, String district, int year, String edition,
        String checksum, Instant importedAt, int planCount, int indicatorCount, EditionStatus status,
        String supersededBy) implements CatalogueState {

    public PlanDocumentState {
        status = status == null ? EditionStatus.CURRENT : status;
    }

    /** A current document, as producers before the {@code status} field published them. */
    public PlanDocumentState(String id, long revision, String district, int year, String edition, String checksum,
            Instant importedAt, int planCount, int indicatorCount) {
        this(id, revision, district, year, edition, checksum, importedAt, planCount, indicatorCount,
                EditionStatus.CURRENT, null);
    }
}
