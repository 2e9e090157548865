package org.ecoplan.indicator.rollup;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.ecoplan.indicator.display.Published;
import org.ecoplan.progress.contract.DeliveryState;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Measures per delivery state, as figures and as a list with each state's Chinese name: the shape every count
 * of measures takes in the API (roll-ups, scorecards, the overview).
 */
@Schema(name = "StateCounts", description = "Measures per delivery state as progress-service decided it; notAssessed: no state event yet (never counted as on track)")
public record StateCountsView(@Schema(example = "212") int measures, @Schema(example = "3") int notDue,
        @Schema(example = "150") int onTrack, @Schema(example = "20") int behindPace, @Schema(example = "4") int atRisk,
        @Schema(example = "6") int overdue, @Schema(example = "25") int completedOnTime, @Schema(example = "2") int completedLate,
        @Schema(example = "0") int unknown, @Schema(example = "2") int notAssessed, @Schema(example = "27") int completed,
        @Schema(description = "overdue + behindPace: the supervision (督办) list", example = "26") int needingSupervision,
        @Schema(nullable = true, description = "completed / measures, 0-1 (4 decimals)", example = "0.1274") BigDecimal completionRate,
        @Schema(nullable = true, description = "completionRate as published: percent with 1 decimal", example = "12.7%") String completionRateText,
        @Schema(nullable = true, description = "completedOnTime / (completed + overdue), 0-1 (4 decimals); null while none is completed or overdue", example = "0.7576") BigDecimal onTimeCompletionRate,
        @Schema(nullable = true, example = "75.8%") String onTimeCompletionRateText,
        @Schema(description = "Every state with its Chinese name, in the order of the DeliveryState enum, then not assessed") List<StateCount> byState) {

    @Schema(name = "StateCount")
    public record StateCount(@Schema(description = "a DeliveryState, or NOT_ASSESSED", example = "BEHIND_PACE") String state,
            @Schema(example = "滞后于序时进度") String stateName, @Schema(example = "20") int measures) {
    }

    /** The name shown for measures without a state event yet. */
    public static final String NOT_ASSESSED = "NOT_ASSESSED";
    public static final String NOT_ASSESSED_NAME = "未评估";

    public static StateCountsView of(StateCounts counts) {
        List<StateCount> byState = new ArrayList<>();
        for (DeliveryState state : DeliveryState.values()) {
            byState.add(new StateCount(state.name(), state.chineseName(), counts.of(state)));
        }
        byState.add(new StateCount(NOT_ASSESSED, NOT_ASSESSED_NAME, counts.notAssessed()));
        return new StateCountsView(counts.measures(), counts.notDue(), counts.onTrack(), counts.behindPace(),
                counts.atRisk(), counts.overdue(), counts.completedOnTime(), counts.completedLate(), counts.unknown(),
                counts.notAssessed(), counts.completed(), counts.needingSupervision(), counts.completionRate(),
                Published.percentOfRatio(counts.completionRate()), counts.onTimeCompletionRate(),
                Published.percentOfRatio(counts.onTimeCompletionRate()), List.copyOf(byState));
    }
}
