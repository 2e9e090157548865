package org.ecoplan.indicator.overview;

import java.time.LocalDate;
import java.util.List;

import org.ecoplan.indicator.overview.Overview.RankedParty;
import org.ecoplan.indicator.overview.Overview.SupervisionItem;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The overview's long lists, one page at a time, with the district and date they are for. */
public final class OverviewPages {

    private OverviewPages() {
    }

    @Schema(name = "SupervisionPage")
    public record SupervisionPage(@Schema(example = "延庆区") String district, @Schema(example = "2026") int year,
            @Schema(example = "2026-05-31") LocalDate asOf, @Schema(example = "MONTH_END") String asOfKind,
            List<SupervisionItem> items, int page, int size, long totalItems, int totalPages) {
    }

    @Schema(name = "DepartmentRankingPage")
    public record RankingPage(@Schema(example = "延庆区") String district, @Schema(example = "2026") int year,
            @Schema(example = "2026-05-31") LocalDate asOf, @Schema(example = "MONTH_END") String asOfKind,
            @Schema(example = "OVERDUE") String sort, List<RankedParty> items, int page, int size, long totalItems,
            int totalPages) {
    }
}
