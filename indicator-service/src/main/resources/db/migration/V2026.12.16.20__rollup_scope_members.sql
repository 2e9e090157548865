-- Issue 16: the roll-up scopes each measure counts in, worked out once when the catalogue changes (in the
-- replica's transaction), so that a progress event recomputes its scopes in SQL instead of reading and parsing
-- the catalogue JSON of every measure of those scopes.

-- The catalogue revision each measure's scopes were worked out from.
create table rollup_measure (
    measure_id varchar(64) primary key,
    revision   bigint      not null
);

-- One row per scope a measure counts in: its plan, task, section chain, the departments that lead it or are
-- responsible for it (DEPARTMENT) and those that only assist (DEPARTMENT_ASSISTING), groups expanded.
create table rollup_scope_member (
    scope_type varchar(20) not null,
    scope_id   varchar(64) not null,
    measure_id varchar(64) not null references rollup_measure (measure_id) on delete cascade,
    primary key (scope_type, scope_id, measure_id)
);
create index rollup_scope_member_measure on rollup_scope_member (measure_id);
