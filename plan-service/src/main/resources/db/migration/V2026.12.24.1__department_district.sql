-- Departments belong to a district (区生态环境局 of 延庆区 is not that of 怀柔区) or to the city (district null:
-- 市规划自然资源委延庆分局). A code stays unique in the whole city, since it travels alone (tokens, events, inboxes,
-- roll-ups); a name is unique within its district. Groups (各街乡镇 …) gather one district's departments.
--
-- Until now the registry held one district's departments, 延庆区's (the only catalogue plan-service shipped): the
-- existing rows are 延庆区's, except the city's 市规划自然资源委延庆分局 (PLANNING). A database that loaded another
-- district's plan under the old shared registry keeps that plan's assignments on these departments; re-import that
-- plan after the upgrade to give it departments of its own.
alter table department add column district varchar(64);
update department set district = '延庆区' where code <> 'PLANNING';
alter table department drop constraint department_name_key;
create unique index department_district_name_key on department (coalesce(district, ''), name);
create index department_district_idx on department (district, code);

alter table department_group add column district varchar(64);
update department_group set district = '延庆区';
alter table department_group alter column district set not null;
alter table department_group drop constraint department_group_name_key;
alter table department_group add constraint department_group_district_name_key unique (district, name);
