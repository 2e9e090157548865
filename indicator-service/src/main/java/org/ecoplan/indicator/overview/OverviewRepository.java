package org.ecoplan.indicator.overview;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecoplan.indicator.overview.OverviewRows.AssignmentRow;
import org.ecoplan.indicator.overview.OverviewRows.MeasureRow;
import org.ecoplan.indicator.overview.OverviewRows.MonthState;
import org.ecoplan.indicator.overview.OverviewRows.StateRow;
import org.ecoplan.indicator.overview.OverviewRows.Submission;
import org.ecoplan.progress.contract.DeliveryState;

/**
 * The overview's reads: a fixed number of set-based queries per request, whatever the number of measures, each
 * served by an index (overview_measure by plan and by section, overview_assignment by department,
 * progress_replica_measure and measure_state_month by measure, monthly_report_submission by measure and period).
 */
@ApplicationScoped
class OverviewRepository {

    private static final String MEASURE_COLUMNS = """
            m.measure_id, m.plan_id, m.section_id, m.task_id, m.task_number, m.position, m.text, m.deadline_kind,
            m.deadline_label, m.deadline_end""";

    private static final String STATE_COLUMNS = """
            s.delivery_state, s.assessed_on, s.window_start, s.window_end, s.expected_percent, s.pace_gap,
            s.overdue_since, s.days_late, s.percent_complete, s.based_on_report_id, s.last_approved_at, s.recorded_at""";

    /** Today's states: each measure's latest event (its primary key). */
    private static final String CURRENT_STATE = """
            left join lateral (select p.delivery_state, p.assessed_on, p.window_start, p.window_end, p.expected_percent,
                    p.pace_gap, p.overdue_since, p.days_late, p.percent_complete, p.based_on_report_id, p.last_approved_at,
                    p.changed_at as recorded_at
             from progress_replica_measure p where p.measure_id = m.measure_id) s on true""";

    /**
     * The state at a month's end: the measure's row of the latest month up to it, one backward step of the primary
     * key (measure_id, month_start) per measure. One parameter: the month's first day.
     */
    private static final String MONTH_END_STATE = """
            left join lateral (select h.delivery_state, h.assessed_on, h.window_start, h.window_end, h.expected_percent,
                    h.pace_gap, h.overdue_since, h.days_late, h.percent_complete, h.based_on_report_id, h.last_approved_at,
                    h.recorded_at
             from measure_state_month h where h.measure_id = m.measure_id and h.month_start <= ?
             order by h.month_start desc limit 1) s on true""";

    private final Sql sql;

    OverviewRepository(Sql sql) {
        this.sql = sql;
    }

    List<MeasureRow> measures(List<String> planIds) {
        return sql.query("select " + MEASURE_COLUMNS + " from overview_measure m where m.plan_id = any(?)",
                List.of(Sql.array(planIds)), OverviewRepository::measure);
    }

    /** Every measure's state as of the scope's date; measures without one are left out (not assessed). */
    Map<String, StateRow> states(OverviewScope scope) {
        List<Object> parameters = new ArrayList<>();
        String join = stateJoin(scope, parameters);
        parameters.add(Sql.array(scope.planIds()));
        Map<String, StateRow> states = new HashMap<>();
        sql.query("select m.measure_id, " + STATE_COLUMNS + " from overview_measure m " + join
                + " where m.plan_id = any(?) and s.delivery_state is not null",
                parameters, row -> states.put(row.getString("measure_id"), state(row)));
        return states;
    }

    List<AssignmentRow> assignmentsOf(List<String> measureIds) {
        if (measureIds.isEmpty()) {
            return List.of();
        }
        return sql.query("""
                select a.measure_id, a.role, a.party_kind, a.party_code, a.via_group from overview_assignment a
                where a.measure_id = any(?)""", List.of(Sql.array(measureIds)), OverviewRepository::assignment);
    }

    /** Month-end states of these measures up to {@code lastMonth} (first days of months), by primary key. */
    List<MonthState> monthStates(List<String> measureIds, LocalDate lastMonth) {
        return sql.query("""
                select h.measure_id, h.month_start, h.delivery_state from measure_state_month h
                where h.measure_id = any(?) and h.month_start <= ?""",
                List.of(Sql.array(measureIds), lastMonth), row -> new MonthState(row.getString(1),
                        Sql.date(row, "month_start"), DeliveryState.valueOf(row.getString(3))));
    }

    /** First submissions of these measures' monthly reports of some periods, by primary key (measure, period, …). */
    List<Submission> submissions(List<String> measureIds, String fromPeriod, String toPeriod) {
        return sql.query("""
                select r.measure_id, r.period, r.department_code, r.first_submitted_at from monthly_report_submission r
                where r.measure_id = any(?) and r.period between ? and ?""",
                List.of(Sql.array(measureIds), fromPeriod, toPeriod), row -> new Submission(row.getString(1),
                        row.getString(2), row.getString(3), Sql.instant(row, "first_submitted_at")));
    }

    /** One page of the supervision list and the number of all matches. */
    record ListPage(List<Listed> items, long total) {
    }

    record Listed(MeasureRow measure, StateRow state) {
    }

    /** @param total the number of all matches when the caller knows it already; {@code null}: counted here */
    ListPage supervisionList(OverviewScope scope, SupervisionFilter filter, int offset, int limit, Long total) {
        List<Object> parameters = new ArrayList<>();
        String join = stateJoin(scope, parameters);
        StringBuilder where = new StringBuilder(" where m.plan_id = any(?)");
        parameters.add(Sql.array(scope.planIds()));
        List<String> states = filter.states().stream().filter(state -> !state.equals(SupervisionFilter.NOT_ASSESSED)).toList();
        boolean notAssessed = filter.states().contains(SupervisionFilter.NOT_ASSESSED);
        where.append(" and (s.delivery_state = any(?)").append(notAssessed ? " or s.delivery_state is null)" : ")");
        parameters.add(Sql.array(states));
        if (filter.planId() != null) {
            where.append(" and m.plan_id = ?");
            parameters.add(filter.planId());
        }
        if (filter.sectionIds() != null) {
            where.append(" and m.section_id = any(?)");
            parameters.add(Sql.array(filter.sectionIds()));
        }
        if (filter.department() != null) {
            where.append(" and exists (select 1 from overview_assignment a where a.measure_id = m.measure_id"
                    + " and a.party_code = ? and a.role = any(?))");
            parameters.add(filter.department());
            parameters.add(Sql.array(filter.roles()));
        }
        String from = " from overview_measure m " + join;
        long matches = total != null ? total : sql.query("select count(*)" + from + where, parameters, row -> row.getLong(1)).get(0);
        List<Object> pageParameters = new ArrayList<>(parameters);
        String order = order(filter.sort(), scope, pageParameters);
        pageParameters.add(limit);
        pageParameters.add(offset);
        List<Listed> items = sql.query("select " + MEASURE_COLUMNS + ", " + STATE_COLUMNS + from + where + order
                + " limit ? offset ?", pageParameters, row -> new Listed(measure(row),
                        row.getString("delivery_state") == null ? StateRow.notAssessed(row.getString("measure_id")) : state(row)));
        return new ListPage(items, matches);
    }

    private static String order(SupervisionFilter.Sort sort, OverviewScope scope, List<Object> parameters) {
        // Days late on the overview's date: progress-service's figure on its assessment day plus the days since.
        String daysLate = "(case when s.delivery_state = 'OVERDUE' then s.days_late + greatest(0, cast(? as date) - s.assessed_on)"
                + " else s.days_late end)";
        String documentOrder = "array_position(cast(? as varchar[]), m.plan_id), m.task_number, m.position";
        return switch (sort) {
            case SEVERITY -> {
                parameters.add(scope.date());
                parameters.add(Sql.array(scope.planIds()));
                yield " order by case s.delivery_state when 'OVERDUE' then 0 when 'BEHIND_PACE' then 1 when 'AT_RISK' then 2"
                        + " else 3 end, " + daysLate + " desc nulls last, s.pace_gap desc nulls last, " + documentOrder;
            }
            case DAYS_LATE -> {
                parameters.add(scope.date());
                parameters.add(Sql.array(scope.planIds()));
                yield " order by " + daysLate + " desc nulls last, " + documentOrder;
            }
            case PACE_GAP -> {
                parameters.add(Sql.array(scope.planIds()));
                yield " order by s.pace_gap desc nulls last, " + documentOrder;
            }
            case DEADLINE -> {
                parameters.add(Sql.array(scope.planIds()));
                yield " order by m.deadline_end nulls last, " + documentOrder;
            }
            case TASK -> {
                parameters.add(Sql.array(scope.planIds()));
                yield " order by " + documentOrder;
            }
        };
    }

    /** The join that gives each measure {@code m} its state {@code s} on the scope's date, adding its parameters. */
    private static String stateJoin(OverviewScope scope, List<Object> parameters) {
        if (scope.current()) {
            return CURRENT_STATE;
        }
        parameters.add(scope.date().withDayOfMonth(1));
        return MONTH_END_STATE;
    }

    private static MeasureRow measure(ResultSet row) throws SQLException {
        return new MeasureRow(row.getString("measure_id"), row.getString("plan_id"), row.getString("section_id"),
                row.getString("task_id"), row.getInt("task_number"), row.getInt("position"), row.getString("text"),
                row.getString("deadline_kind"), row.getString("deadline_label"), Sql.date(row, "deadline_end"));
    }

    private static StateRow state(ResultSet row) throws SQLException {
        return new StateRow(row.getString("measure_id"), DeliveryState.valueOf(row.getString("delivery_state")),
                Sql.date(row, "assessed_on"), Sql.date(row, "window_start"), Sql.date(row, "window_end"),
                Sql.integer(row, "expected_percent"), Sql.integer(row, "pace_gap"), Sql.date(row, "overdue_since"),
                Sql.integer(row, "days_late"), Sql.integer(row, "percent_complete"), row.getString("based_on_report_id"),
                Sql.instant(row, "last_approved_at"), Sql.instant(row, "recorded_at"));
    }

    private static AssignmentRow assignment(ResultSet row) throws SQLException {
        return new AssignmentRow(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5));
    }
}
