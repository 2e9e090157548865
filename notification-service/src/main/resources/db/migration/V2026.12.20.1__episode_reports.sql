-- Heavy-pollution episodes, daily reports (issue 14): when each episode started (the first day a report is due), and
-- the latest revision of every member unit's daily response from progress-service's episode.response-submitted.v1.

-- Null for an episode applied before this version: its missing reports are not checked until its next revision.
alter table episode_watch add column starts_at timestamptz;

-- One row per episode, unit and day: first_submitted_at decides on time or late (a correction does not change it),
-- quantities are the latest revision's.
create table episode_report (
    episode_id         varchar(100) not null,
    department_code    varchar(64)  not null,
    day                date         not null,
    response_id        uuid         not null,
    revision           bigint       not null,
    first_submitted_at timestamptz  not null,
    quantities         jsonb        not null,
    primary key (episode_id, department_code, day)
);
