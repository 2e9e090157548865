-- Issue 10: one delivery state per measure, decided by progress-service and carried on its status events.

-- The decided state and why, as the latest event said (delivery_state null: no state event yet = not assessed).
alter table measure_progress
    add column percent_complete   integer,
    add column delivery_state     varchar(20),
    add column assessed_on        date,
    add column window_start       date,
    add column window_end         date,
    add column expected_percent   integer,
    add column pace_gap           integer,
    add column overdue_since      date,
    add column days_late          integer,
    add column based_on_report_id varchar(64),
    add column last_approved_at   timestamptz;
-- The supervision list filters by state.
create index measure_progress_state on measure_progress (delivery_state, measure_id);

-- Roll-ups count measures per delivery state.
alter table rollup
    add column behind_pace       integer not null default 0,
    add column not_due           integer not null default 0,
    add column completed_on_time integer not null default 0,
    add column completed_late    integer not null default 0,
    add column not_assessed      integer not null default 0,
    add column unknown           integer not null default 0;

-- Month-end figures: each measure's last state assessed in each month. Kept beyond the progress topic's retention
-- and not cleared by a roll-up rebuild. "As of the end of May" = per measure the row of the latest month <= May.
create table measure_state_month (
    measure_id         varchar(64) not null,
    month_start        date        not null,
    sequence           bigint      not null,
    delivery_state     varchar(20) not null,
    assessed_on        date        not null,
    window_start       date,
    window_end         date,
    expected_percent   integer,
    pace_gap           integer,
    overdue_since      date,
    days_late          integer,
    status             varchar(20),
    percent_complete   integer,
    based_on_report_id varchar(64),
    last_approved_at   timestamptz,
    completed_on       date,
    -- when this service learned it: later than the month's end means the month's figures were corrected then
    recorded_at        timestamptz not null,
    primary key (measure_id, month_start)
);

-- First submission of each monthly report per measure, period and department: reporting punctuality
-- (monthly reports in by the 5th of the next month). Kept like measure_state_month.
create table monthly_report_submission (
    measure_id         varchar(64) not null,
    period             varchar(7)  not null,
    department_code    varchar(64) not null,
    report_id          varchar(64) not null,
    first_submitted_at timestamptz not null,
    primary key (measure_id, period, department_code)
);
