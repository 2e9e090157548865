-- The episode assessment as a document (issue 14) names who issued the warning (CITY 市级预警, DISTRICT 区级预警).
-- Null for an episode applied before this version until its next revision.
alter table episode_watch add column issuer varchar(20);
