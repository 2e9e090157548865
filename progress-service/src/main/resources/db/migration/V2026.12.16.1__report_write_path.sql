-- The write path without a global lock (issue 16).
--
-- 1. The change feed's positions come from a sequence instead of one locked counter row. The counter row made
--    every report-writing transaction wait for the one before it to COMMIT (WAL flush included): writes were
--    serialised, at ~35 reports/s whatever the concurrency. A sequence never blocks, but its values become
--    visible in commit order, not in draw order: position 8 may commit before position 7. So a reader must not
--    move past a position that is still in flight. Each writer registers the position it draws as a
--    transaction-level advisory lock (released only after its commit is visible), and a reader only returns
--    positions up to the watermark: below the lowest registered position and at most the last one drawn.
--    A short session-level gate makes "draw and register" atomic for readers (see the two functions).
-- 2. History rows store what an action changed (an RFC 7386 JSON merge patch of the report as the API shows it;
--    the full state for the first action) instead of the whole report before and after, twice.
-- 3. History row ids come from a sequence with an increment of 50, so that Hibernate can batch the rows.

-- CACHE 1 (the default, said out loud): with a per-session cache, a session could write a value lower than one
-- another session has already committed without having drawn it just now, and no watermark could see it coming.
create sequence report_change_seq cache 1;
select setval('report_change_seq', greatest(value, 1), value > 0) from report_change_counter;
drop table report_change_counter;

-- The gate (a session-level advisory lock, one bigint key outside the int4 range of hashtext-keyed locks) and the
-- class of the per-position locks (two-int4 keys: 1164144464 = 'EcoP', objid = the position's low 32 bits).
create function take_report_change_position() returns bigint
    language plpgsql volatile as $$
declare
    taken bigint;
begin
    -- Shared: writers never wait for each other here, only for a reader that holds the gate for a moment.
    perform pg_advisory_lock_shared(4981367226478923777);
    begin
        taken := nextval('report_change_seq');
        -- Held until this transaction ends, and released only after its commit is visible to others.
        perform pg_advisory_xact_lock(1164144464, taken::bit(32)::integer);
    exception when others or query_canceled then
        perform pg_advisory_unlock_shared(4981367226478923777);
        raise;
    end;
    perform pg_advisory_unlock_shared(4981367226478923777);
    return taken;
end $$;

comment on function take_report_change_position() is
    'The next change-feed position, registered as in flight until the calling transaction ends.';

-- Every position at or below the answer is settled: committed and visible to any statement that starts after
-- this one returns, or never to come (rolled back, or replaced by a later change of the same report). Call it
-- in a statement of its own before reading the feed: a statement's snapshot is taken when it starts.
create function report_change_watermark() returns bigint
    language plpgsql volatile as $$
declare
    drawn bigint;
    lowest_in_flight bigint;
    previous_timeout text := current_setting('lock_timeout');
begin
    -- A leaked gate must fail a read, never hang it.
    perform set_config('lock_timeout', '5s', true);
    -- Exclusive: waits for writers between drawing a position and registering it (microseconds).
    perform pg_advisory_lock(4981367226478923777);
    begin
        select case when is_called then last_value else last_value - 1 end into drawn from report_change_seq;
        -- Positions from their low 32 bits: in flight means within 2^32 of the last one drawn.
        select min(drawn - ((drawn - locks.objid::bigint) % 4294967296 + 4294967296) % 4294967296)
        into lowest_in_flight
        from pg_locks locks
        where locks.locktype = 'advisory' and locks.classid = 1164144464::oid and locks.objsubid = 2
          and locks.database = (select oid from pg_database where datname = current_database());
    exception when others or query_canceled then
        perform pg_advisory_unlock(4981367226478923777);
        perform set_config('lock_timeout', previous_timeout, true);
        raise;
    end;
    perform pg_advisory_unlock(4981367226478923777);
    perform set_config('lock_timeout', previous_timeout, true);
    return least(drawn, coalesce(lowest_in_flight - 1, drawn));
end $$;

comment on function report_change_watermark() is
    'The highest change-feed position below which nothing is in flight; read the feed up to it.';

-- History as merge patches: the first action keeps the report as created, each later one the fields it changed
-- (null for a field that went away, as the API leaves null fields out).
alter table report_action add column change jsonb;
update report_action set change = case
    when before is null then after
    else (select coalesce(jsonb_object_agg(key, value), '{}'::jsonb) from (
            select a.key, a.value from jsonb_each(after) a where not (before ? a.key) or before -> a.key <> a.value
            union all
            select b.key, 'null'::jsonb from jsonb_each(before) b where not (after ? b.key)) changed)
    end;
alter table report_action alter column change set not null;
alter table report_action drop column before, drop column after;

-- A report's history is read in revision order: each action gives the report a new revision.
create unique index report_action_revision on report_action (report_id, revision);
drop index report_action_report;

-- Ids in blocks of 50 (Hibernate's pooled optimiser): rows are inserted in JDBC batches, not one by one.
alter table report_action alter column id drop identity;
create sequence report_action_id_seq increment by 50 owned by report_action.id;
select setval('report_action_id_seq', coalesce(max(id), 0) + 50) from report_action;
