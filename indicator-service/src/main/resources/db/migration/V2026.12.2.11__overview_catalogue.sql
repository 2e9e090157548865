-- Issue 10: the district overview.

-- A flat copy of the catalogue's measures and their departments, kept from the replica in its transaction, so
-- that the overview filters, counts and pages in SQL instead of reading JSON documents.
create table overview_measure (
    measure_id     varchar(64)  primary key,
    revision       bigint       not null,
    plan_id        varchar(64)  not null,
    section_id     varchar(64),
    task_id        varchar(64)  not null,
    year           integer      not null,
    task_number    integer      not null,
    position       integer      not null,
    text           text         not null,
    deadline_kind  varchar(10),
    deadline_label varchar(50),
    deadline_start date,
    deadline_end   date
);
create index overview_measure_plan on overview_measure (plan_id, task_number, position);
create index overview_measure_section on overview_measure (section_id);

-- party_kind: DEPARTMENT (named directly), GROUP (a group such as 各街乡镇 itself), MEMBER (a department through
-- the group via_group). A department leads or is responsible for a measure directly, or through a group.
create table overview_assignment (
    measure_id varchar(64) not null references overview_measure (measure_id) on delete cascade,
    role       varchar(20) not null,
    party_kind varchar(10) not null,
    party_code varchar(64) not null,
    via_group  varchar(64),
    primary key (measure_id, role, party_kind, party_code)
);
create index overview_assignment_party on overview_assignment (party_code, role, measure_id);
