-- Heavy-pollution episodes (issue 14) as progress-service needs them: a copy of each episode from plan-service's
-- episode.*.v1 events (the latest revision), the member units with what they report, and their daily responses.

create table episode (
    id              varchar(100) primary key,
    revision        bigint       not null,
    level           varchar(10)  not null,
    issuer          varchar(20)  not null,
    starts_at       timestamptz  not null,
    expected_end_at timestamptz,
    lifted_at       timestamptz,
    updated_at      timestamptz  not null
);

-- Every unit that was a member at some revision, with the union of the report items of its duties at every level it
-- was sent (an upgrade adds items, a downgrade does not take back what a report of the higher level's day carries).
-- Kept across revisions because the lifted state names no members.
create table episode_member (
    episode_id      varchar(100) not null references episode (id),
    department_code varchar(64)  not null,
    department_name varchar(200) not null,
    report_items    jsonb        not null,
    primary key (episode_id, department_code)
);

-- One response per member unit and day of the episode (business date, Asia/Shanghai); corrections raise revision.
create table episode_response (
    id                 uuid primary key,
    episode_id         varchar(100) not null references episode (id),
    department_code    varchar(64)  not null,
    department_name    varchar(200) not null,
    day                date         not null,
    level              varchar(10)  not null,
    quantities         jsonb        not null,
    narrative          text         not null,
    reporter           varchar(200) not null,
    client_timestamp   timestamptz,
    -- on time or late is judged on the first filing, not on a later correction
    first_submitted_at timestamptz  not null,
    submitted_at       timestamptz  not null,
    revision           bigint       not null,
    unique (episode_id, department_code, day)
);
create index episode_response_day on episode_response (episode_id, day, department_code);

-- Photos of a response, in the evidence table of the reports (one upload path, one set of checks): each file belongs
-- to a report or to a response, never both.
alter table episode_response add column evidence_count integer not null default 0;
alter table evidence alter column report_id drop not null;
alter table evidence add column episode_response_id uuid references episode_response (id);
alter table evidence add constraint evidence_one_owner check (num_nonnulls(report_id, episode_response_id) = 1);
create index evidence_episode_response on evidence (episode_response_id, uploaded_at);
