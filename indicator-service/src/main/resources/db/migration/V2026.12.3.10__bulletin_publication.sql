-- Issue 12: the monthly supervision bulletin. One row per district and month once its bulletin.published.v1 is in
-- the outbox (same transaction): the primary key makes the publication once-only with any number of replicas.
create table bulletin_publication (
    district     varchar(100) not null,
    month        varchar(7)   not null,
    published_at timestamptz  not null,
    primary key (district, month)
);
