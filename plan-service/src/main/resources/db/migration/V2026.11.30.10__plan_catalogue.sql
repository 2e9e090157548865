-- The plan catalogue: document → plan (attachment) → section → subsection → key task → measure,
-- the department registry, and the 附件4 indicator table. Every catalogue row has a revision that grows
-- with each change: it is the ETag and the revision in the entity's catalogue event.

-- pg_trgm is a trusted extension (PostgreSQL 13+): keyword search over Chinese measure texts uses
-- trigram indexes, since word-based full text search does not split Chinese.
create extension if not exists pg_trgm;

create table department (
    id          uuid primary key,
    code        varchar(64)  not null unique,
    name        varchar(200) not null unique,
    kind        varchar(32)  not null,
    revision    bigint       not null,
    created_at  timestamptz  not null
);

create table department_group (
    id          uuid primary key,
    code        varchar(64)  not null unique,
    name        varchar(200) not null unique,
    revision    bigint       not null
);

create table department_group_member (
    group_id      uuid not null references department_group (id),
    department_id uuid not null references department (id),
    primary key (group_id, department_id)
);
create index department_group_member_department_idx on department_group_member (department_id);

create table plan_document (
    id          uuid primary key,
    district    varchar(64)  not null,
    year        integer      not null,
    edition     varchar(64)  not null,
    checksum    varchar(64)  not null,
    source_name varchar(300),
    imported_at timestamptz  not null,
    imported_by varchar(200) not null,
    revision    bigint       not null,
    -- Year and edition are part of a plan's identity: next year's plan or a revised draft loads beside this one.
    unique (district, year, edition)
);
create index plan_document_checksum_idx on plan_document (checksum);

create table plan (
    id          uuid primary key,
    document_id uuid    not null references plan_document (id),
    attachment  integer not null,
    title       text    not null,
    revision    bigint  not null,
    unique (document_id, attachment)
);

create table plan_section (
    id          uuid primary key,
    plan_id     uuid     not null references plan (id),
    parent_id   uuid     references plan_section (id),
    level       integer  not null check (level in (1, 2)),
    label       varchar(32) not null,
    title       text     not null,
    position    integer  not null,
    source_line integer,
    revision    bigint   not null
);
create index plan_section_plan_idx on plan_section (plan_id, position);
create index plan_section_parent_idx on plan_section (parent_id);

create table key_task (
    id          uuid primary key,
    plan_id     uuid    not null references plan (id),
    section_id  uuid    not null references plan_section (id),
    number      integer not null,
    name        text    not null,
    source_line integer,
    revision    bigint  not null,
    unique (plan_id, number)
);
create index key_task_section_idx on key_task (section_id);

-- Gives each loaded document a block of catalogue positions (see measure.catalogue_order).
create sequence plan_document_order_seq;

create table measure (
    id             uuid primary key,
    document_id    uuid    not null references plan_document (id),
    task_id        uuid    not null references key_task (id),
    plan_id        uuid    not null references plan (id),
    -- the subsection when there is one, else the section; top_section_id is always the level-1 section,
    -- so that "measures of section 一" is one indexed equality, not a tree walk.
    section_id     uuid    not null references plan_section (id),
    top_section_id uuid    not null references plan_section (id),
    position       integer not null,
    text           text    not null,
    deadline_kind  varchar(16) not null check (deadline_kind in ('DATE', 'WINDOW', 'ONGOING')),
    deadline_start date,
    deadline_end   date,
    deadline_label varchar(64) not null,
    timing_hints   jsonb   not null default '[]',
    raw_row        jsonb   not null,
    source_line    integer,
    revision       bigint  not null,
    updated_at     timestamptz not null,
    updated_by     varchar(200) not null,
    -- The measure's place in the whole catalogue: documents in the order they were loaded, then the
    -- document's own order (plan, task, position). Lists sort on this one indexed column instead of
    -- joining plan, task and document for every row.
    catalogue_order bigint not null unique,
    unique (task_id, position)
);
create index measure_document_idx on measure (document_id, catalogue_order);
create index measure_plan_idx on measure (plan_id);
create index measure_section_idx on measure (section_id);
create index measure_top_section_idx on measure (top_section_id);
create index measure_deadline_idx on measure (deadline_kind, deadline_end);
create index measure_deadline_end_idx on measure (deadline_end);
create index measure_text_trgm_idx on measure using gin (text gin_trgm_ops);

create table measure_assignment (
    id            bigserial primary key,
    measure_id    uuid        not null references measure (id),
    role          varchar(16) not null check (role in ('LEAD', 'RESPONSIBLE', 'ASSISTING')),
    department_id uuid references department (id),
    group_id      uuid references department_group (id),
    position      integer     not null,
    check ((department_id is null) <> (group_id is null))
);
create index measure_assignment_measure_idx on measure_assignment (measure_id, position);
create index measure_assignment_department_idx on measure_assignment (department_id, role);
create index measure_assignment_group_idx on measure_assignment (group_id, role);

-- Every administrator edit of a measure, with the state before and after: nothing is overwritten silently.
create table measure_edit (
    id         bigserial primary key,
    measure_id uuid         not null references measure (id),
    revision   bigint       not null,
    edited_at  timestamptz  not null,
    edited_by  varchar(200) not null,
    reason     text,
    before     jsonb        not null,
    after      jsonb        not null,
    unique (measure_id, revision)
);

create table indicator (
    id          uuid primary key,
    document_id uuid    not null references plan_document (id),
    number      integer not null,
    category    text    not null,
    name        text    not null,
    target      text    not null,
    raw_row     jsonb   not null,
    source_line integer,
    revision    bigint  not null,
    unique (document_id, number)
);

create table indicator_assignment (
    id            bigserial primary key,
    indicator_id  uuid        not null references indicator (id),
    role          varchar(16) not null check (role in ('LEAD', 'COOPERATING')),
    department_id uuid references department (id),
    group_id      uuid references department_group (id),
    position      integer     not null,
    check ((department_id is null) <> (group_id is null))
);
create index indicator_assignment_indicator_idx on indicator_assignment (indicator_id, position);
create index indicator_assignment_department_idx on indicator_assignment (department_id);

-- Every import attempt that changed something or was a repeat; problems are the parser's warnings.
create table import_run (
    id          uuid primary key,
    document_id uuid references plan_document (id),
    checksum    varchar(64)  not null,
    outcome     varchar(16)  not null check (outcome in ('IMPORTED', 'UNCHANGED')),
    source_name varchar(300),
    problems    jsonb        not null,
    summary     jsonb        not null,
    created_at  timestamptz  not null,
    created_by  varchar(200) not null
);
create index import_run_created_idx on import_run (created_at desc);
