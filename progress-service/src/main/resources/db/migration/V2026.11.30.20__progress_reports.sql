-- Progress reports on the catalogue's measures, their history, the measures' official status,
-- idempotency keys of client requests, and evidence files. Measure, plan and task ids are the
-- catalogue's (from this service's replica), kept as text: nothing here references plan-service.

-- One counter row instead of a sequence: taking the next value locks the row until commit, so changes
-- become visible in the order of their change_seq and a delta reader never skips one that commits late.
create table report_change_counter (
    id    integer primary key check (id = 1),
    value bigint  not null
);
insert into report_change_counter (id, value) values (1, 0);

create table progress_report (
    id               uuid primary key,
    measure_id       varchar(200) not null,
    plan_id          varchar(200),
    task_id          varchar(200),
    department_code  varchar(64)  not null,
    -- LEAD, RESPONSIBLE or ASSISTING: the reporting department's strongest role on the measure at creation
    department_role  varchar(16)  not null,
    reporter         varchar(200) not null,
    kind             varchar(16)  not null,
    -- YYYY-MM for MONTHLY, null for AD_HOC
    period           varchar(7),
    state            varchar(16)  not null,
    status           varchar(16)  not null,
    percent_complete integer      not null check (percent_complete between 0 and 100),
    narrative        text         not null,
    measured_values  jsonb        not null,
    client_timestamp timestamptz,
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    submitted_at     timestamptz,
    reviewed_by      varchar(200),
    reviewed_at      timestamptz,
    return_reason    text,
    evidence_count   integer      not null default 0,
    -- grows with every change: the ETag and the events' reportRevision
    revision         bigint       not null,
    -- position in the change feed (GET /reports?since=)
    change_seq       bigint       not null,
    check ((kind = 'MONTHLY') = (period is not null))
);

-- At most one monthly report per measure, department and period.
create unique index progress_report_monthly_once on progress_report (measure_id, department_code, period)
    where kind = 'MONTHLY';
-- The change feed, and the newest-first order of every list.
create unique index progress_report_change_seq on progress_report (change_seq);
-- One index per list filter, each ordered like the list so a page is an index range scan.
create index progress_report_measure on progress_report (measure_id, change_seq);
create index progress_report_department on progress_report (department_code, change_seq);
create index progress_report_state on progress_report (state, change_seq);
create index progress_report_period on progress_report (period, change_seq);
create index progress_report_status on progress_report (status, change_seq);

-- Every change of a report: who, what, when, from which client, the report before and after.
create table report_action (
    id                bigint generated always as identity primary key,
    report_id         uuid         not null references progress_report (id),
    revision          bigint       not null,
    action            varchar(32)  not null,
    actor             varchar(200) not null,
    actor_department  varchar(64),
    acted_at          timestamptz  not null,
    user_agent        varchar(500),
    client_id         varchar(200),
    reason            text,
    before            jsonb,
    after             jsonb        not null
);
create index report_action_report on report_action (report_id, id);

-- A measure's official status: its latest approved report of a LEAD or RESPONSIBLE department, and overdue.
create table measure_status (
    measure_id            varchar(200) primary key,
    plan_id               varchar(200),
    task_id               varchar(200),
    deadline              date,
    status                varchar(16)  not null,
    percent_complete      integer      not null,
    overdue               boolean      not null,
    completed_on          date,
    completed_on_time     boolean,
    based_on_report_id    uuid,
    based_on_submitted_at timestamptz,
    last_reported_period  varchar(7),
    -- grows with every MEASURE_STATUS_CHANGED event of the measure
    sequence              bigint       not null,
    changed_at            timestamptz  not null
);

-- Idempotency-Key of client POSTs: a retry with the same key and body gets the stored answer.
create table idempotency_key (
    caller            varchar(200) not null,
    idempotency_key   varchar(200) not null,
    request_hash      varchar(64)  not null,
    response_status   integer,
    response_body     text,
    response_etag     varchar(100),
    response_location varchar(500),
    created_at        timestamptz  not null,
    primary key (caller, idempotency_key)
);
create index idempotency_key_age on idempotency_key (created_at);

-- Photos and documents of a report. The bytes live in their own table so that lists never load them,
-- and in PostgreSQL so that they are written in the report's transaction and backed up with it.
create table evidence (
    id          uuid primary key,
    report_id   uuid         not null references progress_report (id),
    file_name   varchar(255) not null,
    media_type  varchar(100) not null,
    size_bytes  bigint       not null,
    sha256      varchar(64)  not null,
    uploaded_by varchar(200) not null,
    uploaded_at timestamptz  not null
);
create index evidence_report on evidence (report_id, uploaded_at);

create table evidence_content (
    evidence_id uuid primary key references evidence (id),
    content     bytea not null
);
