-- Indicators tracked here: the 22 of 附件4 (id = catalogue id) and targets extracted from measure texts.
create table tracked_indicator (
    id                      varchar(64)   primary key,
    origin                  varchar(20)   not null,   -- TABLE (附件4) or MEASURE (extracted)
    review_state            varchar(20)   not null,   -- CANDIDATE, CONFIRMED, REJECTED (TABLE rows: CONFIRMED)
    catalogue_revision      bigint,
    measure_id              varchar(64),
    district                varchar(50)   not null,
    year                    integer       not null,
    number                  integer,
    category                varchar(100),
    name                    varchar(500)  not null,
    target_text             varchar(1000) not null,
    target_state            varchar(20)   not null,   -- SET, PENDING, UNREADABLE
    target_value            numeric(20, 6),
    unit                    varchar(30),
    comparison              varchar(20)   not null,
    kind                    varchar(40)   not null,
    metric                  varchar(40),
    target_note             varchar(500),
    target_set_by           varchar(200),
    lead_departments        jsonb         not null,
    cooperating_departments jsonb         not null,
    reviewed_by             varchar(200),
    removed                 boolean       not null default false,
    updated_at              timestamptz   not null
);
create index tracked_indicator_listing on tracked_indicator (year, origin, review_state, number);
create index tracked_indicator_measure on tracked_indicator (measure_id) where measure_id is not null;
create index tracked_indicator_lead on tracked_indicator using gin (lead_departments);
create index tracked_indicator_cooperating on tracked_indicator using gin (cooperating_departments);

-- What the extractor made of each measure text (the unread per-cent figures are for a person to look at).
create table measure_extraction (
    measure_id       varchar(64)  primary key,
    measure_revision bigint       not null,
    found            integer      not null,
    unread           jsonb        not null,
    extracted_at     timestamptz  not null
);

-- Observed values. series = an indicator id or a daily metric code (PM25_DAILY, AQI_DAILY). A correction
-- inserts a new current row and keeps the old one (current = false) as history.
create table observation (
    id            uuid          primary key,
    series        varchar(64)   not null,
    area          varchar(40)   not null,
    period_type   varchar(10)   not null,
    period_start  date          not null,
    value         numeric(20, 6) not null,
    valid         boolean       not null,
    hours         integer,
    source        varchar(100)  not null,
    source_ref    varchar(200),
    entered_at    timestamptz   not null,
    entered_by    varchar(200)  not null,
    current       boolean       not null,
    superseded_at timestamptz
);
create unique index observation_current on observation (series, area, period_type, period_start) where current;
create index observation_history on observation (series, area, period_type, period_start, entered_at);
-- The monthly ranking reads every area's days of one month.
create index observation_by_period on observation (series, period_type, period_start, area) where current;

-- The latest judgement of each indicator; sequence grows with every published change.
create table indicator_judgement (
    indicator_id      varchar(64)    primary key,
    sequence          bigint         not null,
    status            varchar(20)    not null,
    value_so_far      numeric(20, 6),
    projected_value   numeric(20, 6),
    required_for_rest numeric(20, 6),
    required_text     varchar(1000),
    provisional       boolean        not null,
    method            varchar(40)    not null,
    evaluated_at      timestamptz    not null
);
create index indicator_judgement_status on indicator_judgement (status);

-- Roll-ups of plan delivery, from progress events.
create table measure_progress (
    measure_id           varchar(64) primary key,
    sequence             bigint      not null,
    status               varchar(20) not null,
    overdue              boolean     not null,
    deadline             date,
    completed_on         date,
    completed_on_time    boolean,
    last_reported_period varchar(7),
    changed_at           timestamptz not null
);

create table report_seen (
    report_id  varchar(64) primary key,
    measure_id varchar(64) not null,
    revision   bigint      not null,
    period     varchar(7),
    state      varchar(20) not null
);
create index report_seen_period on report_seen (period, measure_id);

create table rollup (
    scope_type               varchar(20)  not null,
    scope_id                 varchar(64)  not null,
    scope_name               varchar(500),
    sequence                 bigint       not null,
    measures                 integer      not null,
    completed                integer      not null,
    on_track                 integer      not null,
    at_risk                  integer      not null,
    overdue                  integer      not null,
    not_reported_this_period integer      not null,
    on_time_completion_rate  numeric(6, 4),
    period                   varchar(7)   not null,
    changed_at               timestamptz  not null,
    primary key (scope_type, scope_id)
);
