-- Transactional outbox: a service records its events here in the same transaction as the state
-- change; the relay publishes them to Kafka afterwards and marks them published.
create table event_outbox (
    -- Allocated at insert; the relay publishes in this order. Transactions that change the same
    -- aggregate serialize on its row, so per aggregate this is also the commit order.
    position       bigint generated always as identity primary key,
    event_id       uuid         not null unique,
    topic          varchar(249) not null,
    aggregate_type varchar(100) not null,
    aggregate_id   varchar(200) not null,
    event_type     varchar(200) not null,
    -- null = tombstone (the aggregate was removed; compacted topics then forget its key)
    payload        jsonb,
    occurred_at    timestamptz  not null,
    published_at   timestamptz
);

-- The relay's work queue: small, because published rows leave it at once.
create index event_outbox_waiting on event_outbox (position) where published_at is null;
-- For the retention clean-up of published rows.
create index event_outbox_published on event_outbox (published_at) where published_at is not null;
