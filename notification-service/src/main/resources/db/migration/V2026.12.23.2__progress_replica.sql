-- Issue 11: the progress state moves into the shared tables of platform/progress-replica (created by its own
-- migration V2026.12.23.1 in db/progress-replica, one rule for stale events in both consumers). The rows kept so far
-- are copied over, so an upgraded instance needs no replay.

-- measure_progress.last_reported_period was already the greatest period published or noted from reports: it is both
-- the published value and the noted one (ProgressReplica.noteReportedPeriod keeps it from going back).
-- The delivery columns the shared table keeps beside the JSON are read out of it.
insert into progress_replica_measure (measure_id, sequence, status, overdue, percent_complete, completed_on,
    last_reported_period, noted_reported_period, changed_at, delivery, delivery_state, assessed_on, window_start,
    window_end, expected_percent, pace_gap, overdue_since, days_late, last_approved_at, updated_at)
select measure_id, sequence, status, overdue, percent_complete, completed_on,
    last_reported_period, last_reported_period, updated_at, delivery, delivery_state,
    cast(delivery ->> 'assessedOn' as date), cast(delivery ->> 'windowStart' as date),
    cast(delivery ->> 'windowEnd' as date), cast(delivery ->> 'expectedPercent' as integer),
    cast(delivery ->> 'paceGap' as integer), cast(delivery ->> 'overdueSince' as date),
    cast(delivery ->> 'daysLate' as integer), last_approved_at, updated_at
from measure_progress;

insert into progress_replica_report (report_id, revision, measure_id, plan_id, period, state, department_code,
    reporter, submitted_at, updated_at)
select report_id, revision, measure_id, plan_id, period, state, department_code, reporter, submitted_at, updated_at
from report_review;

drop table measure_progress;
drop table report_review;
