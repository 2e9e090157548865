-- Consumer-side de-duplication: delivery is at-least-once, so every consumer records the
-- CloudEvents id of each event it handled, in the same transaction as the handling.
create table processed_event (
    consumer     varchar(100) not null,
    event_id     uuid         not null,
    processed_at timestamptz  not null default now(),
    primary key (consumer, event_id)
);

create index processed_event_age on processed_event (processed_at);
