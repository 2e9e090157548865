-- Issue 11: the roll-ups' progress state moves into the shared tables of platform/progress-replica (created by its
-- own migration V2026.12.23.1 in db/progress-replica, one rule for stale events in both consumers). The rows kept so
-- far are copied over, so an upgraded instance needs no replay.

-- The delivery assessment was kept in columns only: its JSON (the contract's DeliveryAssessment, as the shared table
-- keeps it beside the columns) is built from them, with the state's Chinese name as DeliveryState has it.
insert into progress_replica_measure (measure_id, sequence, status, overdue, deadline, percent_complete, completed_on,
    completed_on_time, last_reported_period, based_on_report_id, changed_at, delivery, delivery_state, assessed_on,
    window_start, window_end, expected_percent, pace_gap, overdue_since, days_late, last_approved_at, updated_at)
select measure_id, sequence, status, overdue, deadline, percent_complete, completed_on,
    completed_on_time, last_reported_period, based_on_report_id, changed_at,
    case when delivery_state is not null then jsonb_build_object('state', delivery_state,
        'stateName', case delivery_state
            when 'NOT_DUE' then '未到实施期' when 'ON_TRACK' then '正常推进' when 'BEHIND_PACE' then '滞后于序时进度'
            when 'AT_RISK' then '存在风险' when 'OVERDUE' then '已逾期' when 'COMPLETED_ON_TIME' then '按期完成'
            when 'COMPLETED_LATE' then '逾期完成' else '未知状态' end,
        'assessedOn', assessed_on, 'windowStart', window_start, 'windowEnd', window_end,
        'expectedPercent', expected_percent, 'paceGap', pace_gap, 'overdueSince', overdue_since, 'daysLate', days_late)
    end,
    delivery_state, assessed_on, window_start, window_end, expected_percent, pace_gap, overdue_since, days_late,
    last_approved_at, changed_at
from measure_progress;

insert into progress_replica_report (report_id, revision, measure_id, period, state, updated_at)
select report_id, revision, measure_id, period, state, now()
from report_seen;

drop table measure_progress;
drop table report_seen;
