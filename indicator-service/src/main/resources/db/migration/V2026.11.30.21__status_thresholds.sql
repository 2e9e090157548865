-- Status thresholds a supervisor set (PUT /status/thresholds). At most one row: while there is none, the
-- configured values (ecoplan.indicator.status.*) are in force. Every instance reads this row when it judges,
-- so a change survives restarts and no two instances judge with different thresholds.
create table status_thresholds (
    id                       integer          primary key check (id = 1),
    on_track_margin          double precision not null check (on_track_margin between 0 and 0.5),
    off_track_margin         double precision not null check (off_track_margin between 0 and 0.5),
    schedule_on_track_ratio  double precision not null check (schedule_on_track_ratio between 0 and 1),
    schedule_off_track_ratio double precision not null check (schedule_off_track_ratio between 0 and 1),
    minimum_profile_days     integer          not null check (minimum_profile_days between 1 and 366),
    updated_by               varchar(200)     not null,
    updated_at               timestamptz      not null,
    check (schedule_off_track_ratio <= schedule_on_track_ratio)
);
