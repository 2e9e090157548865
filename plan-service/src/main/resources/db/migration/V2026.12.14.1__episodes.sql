-- Heavy-pollution episodes (重污染天气应急, issue 14): the warning, its history, and the district's list of
-- duties per member unit and warning level (应急减排清单), versioned.

-- One warning from activation to lifting. revision is the ETag and the revision of the events it publishes.
create table episode (
    id               uuid          primary key,
    level            varchar(10)   not null check (level in ('BLUE', 'YELLOW', 'ORANGE', 'RED')),
    issuer           varchar(10)   not null check (issuer in ('CITY', 'DISTRICT')),
    reason           varchar(2000) not null,
    starts_at        timestamptz   not null,
    expected_end_at  timestamptz   not null,
    lifted_at        timestamptz,
    duty_list_version integer,
    revision         bigint        not null,
    created_at       timestamptz   not null,
    created_by       varchar(200)  not null,
    constraint episode_ends_after_start check (expected_end_at > starts_at),
    constraint episode_lifted_after_start check (lifted_at is null or lifted_at >= starts_at)
);
create index episode_by_start on episode (starts_at desc, id);

-- Every change of an episode, in order: its activation, each upgrade or downgrade, its lifting.
create table episode_change (
    episode_id     uuid          not null references episode (id),
    revision       bigint        not null,
    change         varchar(20)   not null check (change in ('ACTIVATED', 'LEVEL_CHANGED', 'LIFTED')),
    level          varchar(10)   not null,
    previous_level varchar(10),
    effective_at   timestamptz   not null,
    reason         varchar(2000),
    recorded_at    timestamptz   not null,
    recorded_by    varchar(200)  not null,
    primary key (episode_id, revision)
);

-- A version of the duty list, replaced whole by each import (all or nothing).
create table duty_list (
    version     integer       primary key,
    example     boolean       not null,
    source      varchar(300),
    imported_at timestamptz   not null,
    imported_by varchar(200)  not null
);

-- One duty: what a member unit must do from a warning level on, and the quantities it reports for it.
create table duty (
    list_version    integer       not null references duty_list (version),
    position        integer       not null,
    department_code varchar(50)   not null,
    level           varchar(10)   not null check (level in ('BLUE', 'YELLOW', 'ORANGE', 'RED')),
    action          varchar(1000) not null,
    -- the quantities reported daily for it, e.g. 检查工地数|停工工地数 ('|'-separated, names without '|')
    report_items    varchar(2000) not null,
    primary key (list_version, position)
);
create index duty_by_department on duty (list_version, department_code);
