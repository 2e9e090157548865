package org.ecoplan.indicator.overview;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import org.ecoplan.indicator.display.Published;
import org.ecoplan.indicator.overview.Overview.Punctuality;
import org.ecoplan.indicator.overview.Overview.RankedParty;
import org.ecoplan.indicator.overview.Overview.RoleFigures;
import org.ecoplan.indicator.overview.OverviewRows.AssignmentRow;
import org.ecoplan.indicator.overview.OverviewRows.MonthState;
import org.ecoplan.indicator.overview.OverviewRows.StateRow;
import org.ecoplan.indicator.overview.OverviewRows.Submission;
import org.ecoplan.indicator.rollup.StateCounts;
import org.ecoplan.indicator.rollup.StateCountsView;
import org.ecoplan.indicator.tracking.DepartmentNames.Named;
import org.ecoplan.indicator.tracking.DepartmentNames.Registry;
import org.ecoplan.progress.contract.DeliveryState;

/**
 * Departments' and groups' figures the way supervisors count them. A department's own delivery is what it leads or
 * is responsible for when named <em>directly</em>; what it holds only as a member of a group (各街乡镇) and what it
 * assists are counted apart and never ranked. A group that leads or is responsible counts once, as the group, so
 * that 18 towns never tie at the top of a ranking for one measure given to all of them. Pure: everything is passed in.
 */
final class DepartmentStandings {

    /** How a party holds a measure; the strongest wins when it holds it in several ways. */
    enum Relation {
        ASSISTING, THROUGH_GROUP, DIRECT
    }

    /** Orders of the ranking; each puts the worst first. */
    enum Sort {
        OVERDUE, BEHIND_PACE, COMPLETION, PUNCTUALITY
    }

    /** One department's or group's counts per relation, and its punctuality. */
    record Standing(Named party, Integer members, StateCounts direct, StateCounts throughGroups, StateCounts assisting,
            Punctuality punctuality) {
    }

    private DepartmentStandings() {
    }

    /** Every party with any relation to the measures, by code. */
    static Map<String, Standing> of(List<AssignmentRow> assignments, Map<String, StateRow> states, Registry registry,
            Map<String, Punctuality> punctuality) {
        Map<String, Map<String, Relation>> relations = relations(assignments);
        Map<String, Standing> standings = new HashMap<>();
        relations.forEach((code, measures) -> {
            Map<Relation, StateCounts.Counter> counters = new HashMap<>();
            for (Relation relation : Relation.values()) {
                counters.put(relation, new StateCounts.Counter());
            }
            measures.forEach((measureId, relation) -> {
                StateRow state = states.get(measureId);
                counters.get(relation).add(state == null ? null : state.state());
            });
            Named party = registry.named(code);
            Integer members = party.group() ? registry.groupMembers().getOrDefault(code, List.of()).size() : null;
            standings.put(code, new Standing(party, members, counters.get(Relation.DIRECT).counts(),
                    counters.get(Relation.THROUGH_GROUP).counts(), counters.get(Relation.ASSISTING).counts(),
                    party.group() ? null : punctuality.get(code)));
        });
        return standings;
    }

    /** Party code → measure → the strongest way the party holds it. */
    static Map<String, Map<String, Relation>> relations(List<AssignmentRow> assignments) {
        Map<String, Map<String, Relation>> relations = new HashMap<>();
        for (AssignmentRow row : assignments) {
            Relation relation = !row.accountable() ? Relation.ASSISTING
                    : "MEMBER".equals(row.partyKind()) ? Relation.THROUGH_GROUP : Relation.DIRECT;
            relations.computeIfAbsent(row.partyCode(), code -> new HashMap<>())
                    .merge(row.measureId(), relation, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        return relations;
    }

    /** The ranked entries (parties that lead or are responsible for a measure directly), worst first. */
    static List<RankedParty> rank(Map<String, Standing> standings, Sort sort, String kind) {
        List<Standing> ranked = new ArrayList<>(standings.values().stream()
                .filter(standing -> standing.direct().measures() > 0)
                .filter(standing -> kind == null || kind.equals(kindOf(standing)))
                .toList());
        Comparator<Standing> primary = primary(sort);
        Comparator<Standing> order = primary
                .thenComparing(Comparator.comparingInt((Standing standing) -> standing.direct().overdue()).reversed())
                .thenComparing(Comparator.comparingInt((Standing standing) -> standing.direct().behindPace()).reversed())
                .thenComparing(Comparator.comparingInt((Standing standing) -> standing.direct().measures()).reversed())
                .thenComparing(standing -> standing.party().code());
        ranked.sort(order);
        List<RankedParty> entries = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            // Competition ranking on the chosen figure: equal figures share a rank.
            int rank = i > 0 && primary.compare(ranked.get(i - 1), ranked.get(i)) == 0 ? entries.get(i - 1).rank() : i + 1;
            entries.add(entry(rank, ranked.get(i)));
        }
        return entries;
    }

    private static Comparator<Standing> primary(Sort sort) {
        return switch (sort) {
            case OVERDUE -> Comparator.comparingInt((Standing standing) -> standing.direct().overdue()).reversed();
            case BEHIND_PACE -> Comparator.comparingInt((Standing standing) -> standing.direct().behindPace()).reversed();
            case COMPLETION -> Comparator.comparing((Standing standing) -> standing.direct().completionRate(),
                    Comparator.nullsLast(Comparator.naturalOrder()));
            case PUNCTUALITY -> Comparator.comparing(
                    (Standing standing) -> standing.punctuality() == null ? null : standing.punctuality().rate(),
                    Comparator.nullsLast(Comparator.naturalOrder()));
        };
    }

    private static String kindOf(Standing standing) {
        return standing.party().group() ? "GROUP" : "DEPARTMENT";
    }

    private static RankedParty entry(int rank, Standing standing) {
        StateCounts direct = standing.direct();
        return new RankedParty(rank, standing.party().code(), standing.party().name(), kindOf(standing), standing.members(),
                direct.measures(), direct.overdue(), direct.behindPace(), direct.atRisk(), direct.completed(),
                direct.completionRate(), Published.percentOfRatio(direct.completionRate()), StateCountsView.of(direct),
                compact(standing.throughGroups()), compact(standing.assisting()), standing.punctuality());
    }

    private static RoleFigures compact(StateCounts counts) {
        return new RoleFigures(counts.measures(), counts.overdue(), counts.behindPace(), counts.completed());
    }

    // ---- reporting punctuality -------------------------------------------------------------------------------

    /**
     * Monthly reports in by the due day of the next month, per department and for the district, over the months of
     * {@code year} whose due day has passed by {@code date}. A report is due from each department named directly as
     * lead or responsible, for each month at whose end the measure was neither completed before the month nor not
     * yet due (未到实施期), as progress-service assessed it (a measure never assessed counts as due). A submission
     * after {@code date} does not count: month-end figures stay as they were.
     *
     * @return by department code, and under {@code null} the district
     */
    static Map<String, Punctuality> punctuality(int year, LocalDate date, int dueDay, ZoneId zone,
            List<AssignmentRow> assignments, List<MonthState> monthStates, List<Submission> submissions) {
        YearMonth first = YearMonth.of(year, 1);
        YearMonth last = lastDuePeriod(year, date, dueDay);
        Map<String, Punctuality> result = new HashMap<>();
        if (last == null || last.isBefore(first)) {
            result.put(null, new Punctuality(null, null, dueDay, 0, 0, 0, 0, null, null));
            return result;
        }
        Map<String, NavigableMap<LocalDate, DeliveryState>> history = new HashMap<>();
        for (MonthState state : monthStates) {
            history.computeIfAbsent(state.measureId(), id -> new TreeMap<>()).put(state.monthStart(), state.state());
        }
        Map<String, Instant> submitted = new HashMap<>();
        Instant cutoff = date.plusDays(1).atStartOfDay(zone).toInstant();
        for (Submission submission : submissions) {
            if (submission.firstSubmittedAt().isBefore(cutoff)) {
                submitted.put(key(submission.measureId(), submission.period(), submission.departmentCode()),
                        submission.firstSubmittedAt());
            }
        }
        // Departments report; a group does not (its members' pages show their share).
        Set<String> reporting = new LinkedHashSet<>();
        for (AssignmentRow row : assignments) {
            if (row.accountable() && "DEPARTMENT".equals(row.partyKind())) {
                reporting.add(row.partyCode() + '|' + row.measureId());
            }
        }
        Map<String, int[]> counts = new HashMap<>();
        for (String pair : reporting) {
            String code = pair.substring(0, pair.indexOf('|'));
            String measureId = pair.substring(pair.indexOf('|') + 1);
            NavigableMap<LocalDate, DeliveryState> states = history.getOrDefault(measureId, new TreeMap<>());
            for (YearMonth period = first; !period.isAfter(last); period = period.plusMonths(1)) {
                if (!due(states, period)) {
                    continue;
                }
                Instant deadline = period.plusMonths(1).atDay(dueDay).plusDays(1).atStartOfDay(zone).toInstant();
                Instant at = submitted.get(key(measureId, period.toString(), code));
                int outcome = at == null ? 3 : at.isBefore(deadline) ? 1 : 2;
                for (String scope : new String[] {code, null}) {
                    int[] tally = counts.computeIfAbsent(scope, any -> new int[4]);
                    tally[0]++;
                    tally[outcome]++;
                }
            }
        }
        counts.putIfAbsent(null, new int[4]);
        counts.forEach((code, tally) -> result.put(code, new Punctuality(first.toString(), last.toString(), dueDay,
                tally[0], tally[1], tally[2], tally[3], rate(tally[1], tally[0]),
                Published.percentOfRatio(rate(tally[1], tally[0])))));
        return result;
    }

    /** The latest month of {@code year} whose reports were due by {@code date}; {@code null} if none yet. */
    static YearMonth lastDuePeriod(int year, LocalDate date, int dueDay) {
        YearMonth candidate = YearMonth.from(date).minusMonths(1);
        if (date.getDayOfMonth() <= dueDay) {
            // This month's due day has not passed yet: the month before last is the latest complete one.
            candidate = candidate.minusMonths(1);
        }
        YearMonth lastOfYear = YearMonth.of(year, 12);
        if (candidate.isAfter(lastOfYear)) {
            candidate = lastOfYear;
        }
        return candidate.getYear() < year ? null : candidate;
    }

    private static boolean due(NavigableMap<LocalDate, DeliveryState> states, YearMonth period) {
        var atEnd = states.floorEntry(period.atDay(1));
        if (atEnd != null && atEnd.getValue() == DeliveryState.NOT_DUE) {
            return false;
        }
        var before = states.floorEntry(period.minusMonths(1).atDay(1));
        return before == null || !before.getValue().completed();
    }

    private static String key(String measureId, String period, String department) {
        return measureId + '|' + period + '|' + department;
    }

    private static BigDecimal rate(int part, int whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
