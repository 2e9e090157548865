-- A service's own copy of progress-service's state, kept from the events on ecoplan.progress by ProgressReplica
-- (org.ecoplan.progress.replica). One table per aggregate, a superset of what its readers need (indicator-service's
-- roll-ups and scorecards, notification-service's supervision rules). Each service's own later migration copies
-- the rows of its former tables in here.

-- The latest progress.measure-status-changed.v1 per measure.
create table progress_replica_measure (
    measure_id            varchar(100) primary key,
    -- the event's sequence: only a greater one replaces the row, so redelivered and stale events change nothing;
    -- -1 for a row that only a report's period created (noteReportedPeriod)
    sequence              bigint       not null,
    status                varchar(20)  not null,
    overdue               boolean      not null,
    deadline              date,
    percent_complete      integer,
    completed_on          date,
    completed_on_time     boolean,
    -- as the latest applied event published it
    last_reported_period  varchar(7),
    -- the latest period a consumer noted from submitted or approved reports and applied events; never goes back
    noted_reported_period varchar(7),
    based_on_report_id    varchar(100),
    -- the event's changedAt (when it had none: when this service applied it)
    changed_at            timestamptz  not null,
    -- org.ecoplan.progress.contract.DeliveryAssessment exactly as published; null until an event carried one
    delivery              jsonb,
    -- the same assessment in columns, for the queries that filter, count and sort by it
    delivery_state        varchar(32),
    assessed_on           date,
    window_start          date,
    window_end            date,
    expected_percent      integer,
    pace_gap              integer,
    overdue_since         date,
    days_late             integer,
    last_approved_at      timestamptz,
    -- when this service last wrote the row
    updated_at            timestamptz  not null
);
-- Lists and counts by delivery state.
create index progress_replica_measure_state on progress_replica_measure (delivery_state, measure_id);

-- The latest revision of every progress report (progress.report-*.v1).
create table progress_replica_report (
    report_id       varchar(100) primary key,
    -- the report's revision: only a greater one replaces the row
    revision        bigint       not null,
    measure_id      varchar(100) not null,
    plan_id         varchar(100),
    -- 2026-05 for a monthly report, null for an ad-hoc one
    period          varchar(7),
    state           varchar(20)  not null,
    department_code varchar(100),
    reporter        varchar(200),
    submitted_at    timestamptz,
    updated_at      timestamptz  not null
);
-- Whether a measure reported for a period.
create index progress_replica_report_period on progress_replica_report (period, measure_id);
-- Reports still waiting for review.
create index progress_replica_report_waiting on progress_replica_report (submitted_at) where state = 'SUBMITTED';
