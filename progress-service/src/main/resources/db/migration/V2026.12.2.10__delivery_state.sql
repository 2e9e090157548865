-- A measure's delivery state, decided by DeliveryRule and kept with its reasons, so that every view shows
-- what the events said; and one row per business date the daily assessment ran, so that it runs once
-- whatever the number of replicas and re-runs.

alter table measure_status
    -- null until the measure is first assessed (its arrival from the catalogue, an approval or the daily run)
    add column delivery_state       varchar(32),
    add column assessed_on          date,
    add column window_start         date,
    add column expected_percent     integer,
    add column pace_gap             integer,
    add column overdue_since        date,
    add column days_late            integer,
    -- when the report that set the status (based_on_report_id) was approved
    add column based_on_approved_at timestamptz;

-- The district's 督办 lists: a department's or the district's overdue and behind-pace measures.
create index measure_status_delivery on measure_status (delivery_state, deadline);

create table delivery_assessment_run (
    business_date date        primary key,
    started_at    timestamptz not null,
    finished_at   timestamptz not null,
    assessed      integer     not null,
    published     integer     not null
);
