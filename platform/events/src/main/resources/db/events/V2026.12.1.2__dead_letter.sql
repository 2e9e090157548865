-- Records a consumer can never apply as they are (unreadable, a value out of range, a bug). The consumer writes
-- the record here and moves on, so one bad record never stops it; administrators list, retry and discard them
-- (GET/POST /dead-letters). A record retried while the database was away never comes here.
create table dead_letter (
    id              uuid          primary key,
    consumer        varchar(100)  not null,
    topic           varchar(249)  not null,
    kafka_partition integer       not null,
    record_offset   bigint        not null,
    -- key and value as the exact bytes received: any content, even a NUL that text refuses, is kept and retried unchanged
    record_key      bytea,
    -- [{"name": "ce_type", "value": "progress.report-approved.v1"}, …] in record order (values as UTF-8 text)
    headers         jsonb         not null,
    -- null for a tombstone
    value           bytea,
    -- read from the headers when they are readable
    event_id        uuid,
    event_type      varchar(200),
    reason          text          not null,
    exception_class varchar(300)  not null,
    first_failed_at timestamptz   not null,
    last_failed_at  timestamptz   not null,
    -- attempts to apply it: the consumer's (including retries of a concurrent writer) and administrators' retries
    attempts        integer       not null,
    -- OPEN, RESOLVED (an administrator's retry applied it), DISCARDED, SUPERSEDED (a later state of the same entity was applied)
    status          varchar(20)   not null,
    resolved_at     timestamptz,
    resolved_by     varchar(200),
    resolution      text,
    -- A record consumed again (a rebalance before the offset was committed) is the same dead letter.
    constraint dead_letter_record unique (consumer, topic, kafka_partition, record_offset)
);

-- The administrators' list, newest first, and the open-letters gauge.
create index dead_letter_listing on dead_letter (first_failed_at desc, id);
create index dead_letter_open on dead_letter (consumer, record_key) where status = 'OPEN';
