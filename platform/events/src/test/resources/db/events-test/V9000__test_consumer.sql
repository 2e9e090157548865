-- What the test application's consumer applies: numeric(20, 6) like indicator-service's observations, so that
-- 1e15 overflows as it does there. No unique event id: a record applied twice would show as two rows.
create table test_applied_event (
    id         bigint generated always as identity primary key,
    event_id   uuid         not null,
    subject    varchar(200) not null,
    value      numeric(20, 6),
    applied_at timestamptz  not null default now()
);
