-- Heavy-pollution episodes as notification-service sees them (issue 14): the latest state of each episode from
-- plan-service's episode.*.v1 events, and one acknowledgement request per member unit and episode revision.

create table episode_watch (
    episode_id  varchar(100) primary key,
    revision    bigint       not null,
    level       varchar(10)  not null,
    lifted_at   timestamptz,
    updated_at  timestamptz  not null
);

-- A member unit's duty to acknowledge its duties for one revision (activation or level change) of an episode.
-- requested_at is the business time the message was written; the acknowledgement is due within the configured time.
-- closed_at: a later revision superseded it or the episode was lifted; it is no longer escalated.
create table episode_acknowledgement (
    episode_id      varchar(100) not null,
    revision        bigint       not null,
    department_code varchar(50)  not null,
    department_name varchar(200) not null,
    level           varchar(10)  not null,
    message_id      uuid         not null,
    requested_at    timestamptz  not null,
    acknowledged_at timestamptz,
    acknowledged_by varchar(200),
    closed_at       timestamptz,
    primary key (episode_id, revision, department_code)
);
create index episode_acknowledgement_open on episode_acknowledgement (requested_at)
    where acknowledged_at is null and closed_at is null;
