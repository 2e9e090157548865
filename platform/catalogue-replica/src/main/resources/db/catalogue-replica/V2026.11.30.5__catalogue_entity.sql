-- A service's own copy of the plan catalogue, rebuilt from the compacted topic ecoplan.plan alone:
-- the latest full state of every catalogue entity, as plan-service published it.
create table catalogue_entity (
    aggregate_type varchar(50)  not null,
    entity_id      varchar(200) not null,
    -- plan-service's revision of the entity: only a newer one replaces the stored state, so
    -- redelivered and stale events change nothing
    revision       bigint       not null,
    payload        jsonb        not null,
    event_id       uuid         not null,
    updated_at     timestamptz  not null,
    primary key (aggregate_type, entity_id)
);

-- Lookups by content, e.g. payload @> '{"departmentCode": "..."}' (containment only, hence jsonb_path_ops).
create index catalogue_entity_payload on catalogue_entity using gin (payload jsonb_path_ops);
