package org.ecoplan.progress.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.progress.contract.DeliveryAssessment;
import org.ecoplan.progress.contract.DeliveryState;
import org.ecoplan.progress.contract.ReportStatus;
import org.junit.jupiter.api.Test;

/** The delivery rule alone: no clock, no database; every state, the precedence and the pace arithmetic. */
class DeliveryRuleTest {

    private static final DeliveryRule RULE = new DeliveryRule(25);
    private static final MeasureState YEAR_END = measure("DATE", null, LocalDate.of(2026, 12, 31), "年底前");
    private static final MeasureState JUNE = measure("DATE", null, LocalDate.of(2026, 6, 30), "6月底前");
    private static final MeasureState SUMMER = measure("WINDOW", LocalDate.of(2026, 6, 1), LocalDate.of(2026, 9, 30), "6-9月");
    private static final MeasureState ONGOING = measure("ONGOING", null, null, "长期实施");

    @Test
    void aMeasureWithoutAnApprovedReportIsBehindPaceOnceAQuarterOfItsWindowHasPassedNeverOnTrack() {
        // 1 January - 30 June: 180 days; 25 % of them have passed on 15 February (45 days).
        assertThat(assess(JUNE, ReportStatus.NOT_STARTED, 0, null, "2026-02-14").state()).isEqualTo(DeliveryState.ON_TRACK);
        DeliveryAssessment behind = assess(JUNE, ReportStatus.NOT_STARTED, 0, null, "2026-02-15");
        assertThat(behind).isEqualTo(DeliveryAssessment.of(DeliveryState.BEHIND_PACE, LocalDate.of(2026, 2, 15),
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30), 25, 25, null, null));
        assertThat(behind.stateName()).isEqualTo("滞后于序时进度");
        for (String day : List.of("2026-03-01", "2026-05-31", "2026-06-30")) {
            assertThat(assess(JUNE, ReportStatus.NOT_STARTED, 0, null, day).state()).as(day).isEqualTo(DeliveryState.BEHIND_PACE);
        }
        // December, 0 % and no report on a 年底前 measure: what the roll-ups once counted as on track.
        DeliveryAssessment december = assess(YEAR_END, ReportStatus.NOT_STARTED, 0, null, "2026-12-01");
        assertThat(december.state()).isEqualTo(DeliveryState.BEHIND_PACE);
        assertThat(december.expectedPercent()).isEqualTo(92);
        assertThat(december.paceGap()).isEqualTo(92);
    }

    @Test
    void paceIsComparedExactlyAndFiguresAreRoundedHalfUp() {
        // 2026-04-01: 90 of 364 days = 24.73 % of the year; 0 % done is a gap of 24.73: not yet 25.
        DeliveryAssessment justInside = assess(YEAR_END, ReportStatus.ON_TRACK, 0, null, "2026-04-01");
        assertThat(justInside.state()).isEqualTo(DeliveryState.ON_TRACK);
        assertThat(justInside.expectedPercent()).isEqualTo(25);
        assertThat(justInside.paceGap()).isEqualTo(25);
        assertThat(assess(YEAR_END, ReportStatus.ON_TRACK, 0, null, "2026-04-02").state()).isEqualTo(DeliveryState.BEHIND_PACE);
        // Ahead of pace: a negative gap.
        assertThat(assess(YEAR_END, ReportStatus.ON_TRACK, 60, null, "2026-04-01").paceGap()).isEqualTo(-35);
        // A stricter district: 10 points.
        assertThat(new DeliveryRule(10).assess(facts(YEAR_END, ReportStatus.ON_TRACK, 10, null), LocalDate.of(2026, 4, 1))
                .state()).isEqualTo(DeliveryState.BEHIND_PACE);
    }

    @Test
    void aSeasonalWindowIsNotDueBeforeItOpensAndJudgedOnItsOwnDaysAfter() {
        DeliveryAssessment march = assess(SUMMER, ReportStatus.NOT_STARTED, 0, null, "2026-03-01");
        assertThat(march.state()).isEqualTo(DeliveryState.NOT_DUE);
        assertThat(march.expectedPercent()).isNull();
        assertThat(march.paceGap()).isNull();
        assertThat(march.windowStart()).isEqualTo("2026-06-01");
        assertThat(assess(SUMMER, ReportStatus.NOT_STARTED, 0, null, "2026-06-01").state()).isEqualTo(DeliveryState.ON_TRACK);
        // 121 days from 1 June to 30 September: 31 days (25.6 %) on 2 July.
        assertThat(assess(SUMMER, ReportStatus.NOT_STARTED, 0, null, "2026-07-01").state()).isEqualTo(DeliveryState.ON_TRACK);
        assertThat(assess(SUMMER, ReportStatus.NOT_STARTED, 0, null, "2026-07-02").state()).isEqualTo(DeliveryState.BEHIND_PACE);
        assertThat(assess(SUMMER, ReportStatus.ON_TRACK, 30, null, "2026-07-03").state()).isEqualTo(DeliveryState.ON_TRACK);
        // Reported at risk before the window opens: at risk wins over not due.
        assertThat(assess(SUMMER, ReportStatus.AT_RISK, 0, null, "2026-05-20").state()).isEqualTo(DeliveryState.AT_RISK);
    }

    @Test
    void overdueFromTheDayAfterTheDeadlineWithItsDaysLate() {
        assertThat(assess(JUNE, ReportStatus.ON_TRACK, 90, null, "2026-06-30").state()).isEqualTo(DeliveryState.ON_TRACK);
        DeliveryAssessment overdue = assess(JUNE, ReportStatus.ON_TRACK, 90, null, "2026-07-01");
        assertThat(overdue).isEqualTo(DeliveryAssessment.of(DeliveryState.OVERDUE, LocalDate.of(2026, 7, 1),
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30), 100, 10, LocalDate.of(2026, 7, 1), 1));
        assertThat(assess(JUNE, ReportStatus.DELAYED, 10, null, "2026-07-15").daysLate()).isEqualTo(15);
    }

    @Test
    void completionWinsAndIsOnTimeOrLateByItsDate() {
        DeliveryAssessment onTime = assess(JUNE, ReportStatus.COMPLETED, 100, LocalDate.of(2026, 6, 30), "2026-08-01");
        assertThat(onTime.state()).isEqualTo(DeliveryState.COMPLETED_ON_TIME);
        assertThat(onTime.overdueSince()).isNull();
        assertThat(onTime.daysLate()).isNull();
        DeliveryAssessment late = assess(JUNE, ReportStatus.COMPLETED, 100, LocalDate.of(2026, 7, 10), "2026-08-01");
        assertThat(late.state()).isEqualTo(DeliveryState.COMPLETED_LATE);
        assertThat(late.overdueSince()).isEqualTo("2026-07-01");
        assertThat(late.daysLate()).isEqualTo(10);
        assertThat(late.stateName()).isEqualTo("逾期完成");
    }

    @Test
    void atRiskWhenReportedSoWhileKeepingPaceButBehindPaceWinsOverIt() {
        assertThat(assess(YEAR_END, ReportStatus.AT_RISK, 40, null, "2026-05-01").state()).isEqualTo(DeliveryState.AT_RISK);
        assertThat(assess(YEAR_END, ReportStatus.DELAYED, 40, null, "2026-05-01").state()).isEqualTo(DeliveryState.AT_RISK);
        assertThat(assess(YEAR_END, ReportStatus.DELAYED, 5, null, "2026-05-01").state()).isEqualTo(DeliveryState.BEHIND_PACE);
        assertThat(assess(YEAR_END, ReportStatus.DELAYED, 5, null, "2027-01-01").state()).isEqualTo(DeliveryState.OVERDUE);
    }

    @Test
    void anOngoingMeasureIsNeverOverdueNorBehindPace() {
        for (String day : List.of("2026-01-01", "2026-12-31", "2027-06-30")) {
            DeliveryAssessment quiet = assess(ONGOING, ReportStatus.NOT_STARTED, 0, null, day);
            assertThat(quiet.state()).isEqualTo(DeliveryState.ON_TRACK);
            assertThat(quiet.windowStart()).isNull();
            assertThat(quiet.windowEnd()).isNull();
            assertThat(quiet.expectedPercent()).isNull();
            assertThat(quiet.paceGap()).isNull();
        }
        assertThat(assess(ONGOING, ReportStatus.DELAYED, 0, null, "2026-09-01").state()).isEqualTo(DeliveryState.AT_RISK);
        assertThat(assess(ONGOING, ReportStatus.COMPLETED, 100, LocalDate.of(2027, 3, 1), "2027-03-01").state())
                .isEqualTo(DeliveryState.COMPLETED_ON_TIME);
        // A deadline kind this version does not know has no due date: judged like an ongoing measure.
        assertThat(assess(measure("EVERY_QUARTER", null, LocalDate.of(2026, 3, 31), null), ReportStatus.NOT_STARTED, 0, null,
                "2026-12-01").state()).isEqualTo(DeliveryState.ON_TRACK);
    }

    @Test
    void theGapMustBeAPercentageBetweenOneAndAHundred() {
        assertThatThrownBy(() -> new DeliveryRule(0)).hasMessageContaining("behind-pace-gap");
        assertThatThrownBy(() -> new DeliveryRule(101)).hasMessageContaining("behind-pace-gap");
    }

    private static DeliveryAssessment assess(MeasureState measure, ReportStatus status, int percent, LocalDate completedOn,
            String today) {
        return RULE.assess(facts(measure, status, percent, completedOn), LocalDate.parse(today));
    }

    private static DeliveryRule.Facts facts(MeasureState measure, ReportStatus status, int percent, LocalDate completedOn) {
        return DeliveryRule.Facts.of(measure, status, percent, completedOn);
    }

    private static MeasureState measure(String kind, LocalDate start, LocalDate end, String label) {
        return new MeasureState("m-" + kind, 1, "plan", "section", "task", 2026, 1, 1, "措施",
                new MeasureState.Deadline(kind, start, end, label), List.of(), List.of());
    }
}
