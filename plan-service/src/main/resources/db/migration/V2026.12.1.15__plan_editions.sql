-- Editions of one district's yearly plan: one is current, later ones load as candidates beside it, are compared
-- with it and adopted. Adoption carries the measures and indicators that continue over to the adopted edition
-- under their ids (other services key progress, alerts and observations by them) and closes those it dropped.

-- CURRENT: the plan the district works to; CANDIDATE: loaded beside it, never published until adopted;
-- SUPERSEDED: replaced by an adopted edition. A database from before editions keeps all its documents current.
alter table plan_document add column status varchar(16) not null default 'CURRENT'
    check (status in ('CURRENT', 'CANDIDATE', 'SUPERSEDED'));
-- SHA-256 of the tables' content (titles and cells as written), whatever the file format: the text export and
-- the Word document of one plan, or two saves of one Word file, are the same content. Null for documents
-- imported before it existed (their checksum of the bytes still recognises them).
alter table plan_document add column content_checksum varchar(64);
alter table plan_document add column source_format varchar(16) not null default 'TEXT'
    check (source_format in ('TEXT', 'DOCX'));
alter table plan_document add column superseded_by uuid references plan_document (id);
alter table plan_document add column adopted_at timestamptz;
alter table plan_document add column adopted_by varchar(200);
create index plan_document_edition_idx on plan_document (district, year, status);
create index plan_document_content_checksum_idx on plan_document (content_checksum);

-- OPEN: part of the current plan; CLOSED: dropped by an adopted edition, kept with its history.
alter table measure add column status varchar(16) not null default 'OPEN' check (status in ('OPEN', 'CLOSED'));
alter table measure add column closed_at timestamptz;
alter table indicator add column status varchar(16) not null default 'OPEN' check (status in ('OPEN', 'CLOSED'));
alter table indicator add column closed_at timestamptz;

-- Adoption exchanges the places of a continuing measure (or indicator) and its counterpart in the candidate:
-- for a moment inside the transaction two rows hold one task position. The uniqueness is checked at commit.
alter table measure drop constraint measure_task_id_position_key;
alter table measure add constraint measure_task_id_position_key unique (task_id, position) deferrable initially deferred;
alter table measure drop constraint measure_catalogue_order_key;
alter table measure add constraint measure_catalogue_order_key unique (catalogue_order) deferrable initially deferred;
alter table indicator drop constraint indicator_document_id_number_key;
alter table indicator add constraint indicator_document_id_number_key unique (document_id, number) deferrable initially deferred;

-- Each adoption: which edition replaced which, when and by whom, and what it changed (counts).
create table edition_adoption (
    id                   uuid primary key,
    district             varchar(64)  not null,
    year                 integer      not null,
    document_id          uuid         not null unique references plan_document (id),
    previous_document_id uuid         not null references plan_document (id),
    adopted_at           timestamptz  not null,
    adopted_by           varchar(200) not null,
    summary              jsonb        not null
);
