package org.ecoplan.indicator.overview;

import java.util.List;

import org.ecoplan.catalogue.contract.PlanState;

/**
 * What an overview is about: one district's plans of one year (one edition of its plan document), as of one date:
 * today ({@code current}: the latest states) or the end of a past month (the states as they stood then).
 *
 * @param plans by attachment (附件1, 附件2 …)
 */
public record OverviewScope(String district, int year, String documentId, String edition, List<PlanState> plans,
        java.time.LocalDate date, boolean current) {

    List<String> planIds() {
        return plans.stream().map(PlanState::id).toList();
    }
}
