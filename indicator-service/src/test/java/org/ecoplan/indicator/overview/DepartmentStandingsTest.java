package org.ecoplan.indicator.overview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ecoplan.indicator.overview.Overview.Punctuality;
import org.ecoplan.indicator.overview.Overview.RankedParty;
import org.ecoplan.indicator.overview.OverviewRows.AssignmentRow;
import org.ecoplan.indicator.overview.OverviewRows.MonthState;
import org.ecoplan.indicator.overview.OverviewRows.StateRow;
import org.ecoplan.indicator.overview.OverviewRows.Submission;
import org.ecoplan.indicator.tracking.DepartmentNames.Named;
import org.ecoplan.indicator.tracking.DepartmentNames.Registry;
import org.ecoplan.progress.contract.DeliveryState;
import org.junit.jupiter.api.Test;

/** How departments and groups are counted, ranked and judged on punctuality, on a small hand-made district. */
class DepartmentStandingsTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final List<String> TOWNS = List.of("BAIQUAN", "KANGZHUANG", "YONGNING");
    private static final Registry REGISTRY = registry();

    @Test
    void aGroupCountsOnceAsTheGroupAndNotAsATieOfItsMembers() {
        List<AssignmentRow> assignments = new ArrayList<>();
        Map<String, StateRow> states = new HashMap<>();
        // m1: ENV leads, overdue. m2: WATER leads, the towns (as a group) are responsible, overdue.
        // m3: the towns assist ENV, overdue. m4: ENV leads, behind pace. m5: WATER leads, completed on time.
        direct(assignments, "m1", "LEAD", "ENV");
        state(states, "m1", DeliveryState.OVERDUE);
        direct(assignments, "m2", "LEAD", "WATER");
        group(assignments, "m2", "RESPONSIBLE");
        state(states, "m2", DeliveryState.OVERDUE);
        direct(assignments, "m3", "LEAD", "ENV");
        group(assignments, "m3", "ASSISTING");
        state(states, "m3", DeliveryState.OVERDUE);
        direct(assignments, "m4", "LEAD", "ENV");
        direct(assignments, "m4", "RESPONSIBLE", "ENV");
        state(states, "m4", DeliveryState.BEHIND_PACE);
        direct(assignments, "m5", "LEAD", "WATER");
        state(states, "m5", DeliveryState.COMPLETED_ON_TIME);

        List<RankedParty> byOverdue = DepartmentStandings.rank(DepartmentStandings.of(assignments, states, REGISTRY, Map.of()),
                DepartmentStandings.Sort.OVERDUE, null);
        assertEquals(List.of("ENV", "WATER", "ALL-SUBDISTRICTS-TOWNS"), byOverdue.stream().map(RankedParty::code).toList(),
                "no town is ranked: they hold measures only through the group or as assistants");
        RankedParty env = byOverdue.get(0);
        assertEquals(1, env.rank());
        assertEquals(3, env.measures(), "m4 once, although ENV both leads and is responsible");
        assertEquals(2, env.overdue());
        assertEquals(1, env.behindPace());
        assertEquals(2, byOverdue.get(1).rank());
        assertEquals(2, byOverdue.get(2).rank(), "WATER and the group both have one overdue measure: they share the rank");
        assertEquals("GROUP", byOverdue.get(2).kind());
        assertEquals(3, byOverdue.get(2).members());
        assertEquals("各街乡镇", byOverdue.get(2).name());

        // A town's own page counts the group's measure once for the town, and what it assists apart.
        var baiquan = DepartmentStandings.of(assignments, states, REGISTRY, Map.of()).get("BAIQUAN");
        assertEquals(0, baiquan.direct().measures());
        assertEquals(1, baiquan.throughGroups().overdue());
        assertEquals(1, baiquan.assisting().overdue());

        List<RankedParty> byCompletion = DepartmentStandings.rank(DepartmentStandings.of(assignments, states, REGISTRY, Map.of()),
                DepartmentStandings.Sort.COMPLETION, "DEPARTMENT");
        assertEquals(List.of("ENV", "WATER"), byCompletion.stream().map(RankedParty::code).toList(), "lowest completion first");
        assertEquals("50.0%", byCompletion.get(1).completionRateText());
    }

    @Test
    void countsMonthlyReportsInByTheFifthOfTheNextMonth() {
        List<AssignmentRow> assignments = new ArrayList<>();
        direct(assignments, "m1", "LEAD", "ENV");
        direct(assignments, "m1", "RESPONSIBLE", "ENV");
        direct(assignments, "window", "LEAD", "ENV");
        direct(assignments, "done", "LEAD", "ENV");
        group(assignments, "m1", "ASSISTING");
        List<MonthState> months = List.of(
                new MonthState("m1", month(2026, 1), DeliveryState.ON_TRACK),
                // A seasonal window (6-9月): not due before June.
                new MonthState("window", month(2026, 1), DeliveryState.NOT_DUE),
                // Completed in February: its February report is due, March's and April's are not.
                new MonthState("done", month(2026, 1), DeliveryState.ON_TRACK),
                new MonthState("done", month(2026, 2), DeliveryState.COMPLETED_ON_TIME));
        List<Submission> submissions = List.of(
                submitted("m1", "2026-01", "ENV", "2026-02-05T23:59:00+08:00"),
                submitted("m1", "2026-02", "ENV", "2026-03-06T00:01:00+08:00"),
                submitted("m1", "2026-04", "ENV", "2026-05-04T10:00:00+08:00"),
                submitted("done", "2026-01", "ENV", "2026-02-01T09:00:00+08:00"),
                submitted("done", "2026-02", "ENV", "2026-03-02T09:00:00+08:00"),
                // After the overview's date: as of then it was missing.
                submitted("m1", "2026-03", "ENV", "2026-06-01T09:00:00+08:00"),
                // A town's report on a measure it only assists is not counted.
                submitted("m1", "2026-04", "BAIQUAN", "2026-05-01T09:00:00+08:00"));

        Map<String, Punctuality> punctuality = DepartmentStandings.punctuality(2026, LocalDate.of(2026, 5, 31), 5, ZONE,
                assignments, months, submissions);
        Punctuality env = punctuality.get("ENV");
        assertEquals("2026-01", env.fromPeriod());
        assertEquals("2026-04", env.toPeriod(), "April's reports were due by 5 May; May's only by 5 June");
        // m1: January to April (4); done: January and February (2); window: none.
        assertEquals(6, env.due());
        assertEquals(4, env.onTime(), "m1 January, m1 April, done January and February");
        assertEquals(1, env.late(), "m1 February came on 6 March");
        assertEquals(1, env.missing(), "m1 March came only after 31 May");
        assertEquals("66.7%", env.rateText());
        assertNull(punctuality.get("BAIQUAN"));
        assertEquals(6, punctuality.get(null).due());

        assertEquals(YearMonth.of(2026, 3), DepartmentStandings.lastDuePeriod(2026, LocalDate.of(2026, 5, 5), 5));
        assertEquals(YearMonth.of(2026, 4), DepartmentStandings.lastDuePeriod(2026, LocalDate.of(2026, 5, 6), 5));
        assertNull(DepartmentStandings.lastDuePeriod(2026, LocalDate.of(2026, 2, 3), 5));
        assertEquals(YearMonth.of(2026, 12), DepartmentStandings.lastDuePeriod(2026, LocalDate.of(2027, 3, 31), 5));
        assertTrue(DepartmentStandings.punctuality(2026, LocalDate.of(2026, 1, 20), 5, ZONE, assignments, months, submissions)
                .get(null).rate() == null, "nothing was due in January");
    }

    private static LocalDate month(int year, int month) {
        return LocalDate.of(year, month, 1);
    }

    private static Submission submitted(String measure, String period, String department, String at) {
        return new Submission(measure, period, department, java.time.OffsetDateTime.parse(at).toInstant());
    }

    private static void direct(List<AssignmentRow> rows, String measure, String role, String code) {
        rows.add(new AssignmentRow(measure, role, "DEPARTMENT", code, null));
    }

    private static void group(List<AssignmentRow> rows, String measure, String role) {
        rows.add(new AssignmentRow(measure, role, "GROUP", "ALL-SUBDISTRICTS-TOWNS", null));
        TOWNS.forEach(town -> rows.add(new AssignmentRow(measure, role, "MEMBER", town, "ALL-SUBDISTRICTS-TOWNS")));
    }

    private static void state(Map<String, StateRow> states, String measure, DeliveryState state) {
        states.put(measure, new StateRow(measure, state, LocalDate.of(2026, 7, 1), null, null, null, null, null, null, null,
                null, null, Instant.EPOCH));
    }

    private static Registry registry() {
        Map<String, Named> byCode = new HashMap<>();
        byCode.put("ENV", new Named("ENV", "区生态环境局", false));
        byCode.put("WATER", new Named("WATER", "区水务局", false));
        byCode.put("BAIQUAN", new Named("BAIQUAN", "百泉街道", false));
        byCode.put("KANGZHUANG", new Named("KANGZHUANG", "康庄镇", false));
        byCode.put("YONGNING", new Named("YONGNING", "永宁镇", false));
        byCode.put("ALL-SUBDISTRICTS-TOWNS", new Named("ALL-SUBDISTRICTS-TOWNS", "各街乡镇", true));
        return new Registry(byCode, Map.of("ALL-SUBDISTRICTS-TOWNS", TOWNS));
    }
}
