-- Heavy-pollution episodes, air quality (issue 14): every area's daily AQI and PM2.5 as indicator-service publishes
-- them (indicator.air-quality-day-changed.v1, the day whole), the highest revision per area and day kept, for the
-- episode assessment's days and the heavy-pollution days charged against the year's budget.
create table air_quality_day (
    area       varchar(64)   not null,
    day        date          not null,
    revision   bigint        not null,
    aqi        numeric(20,6),
    aqi_valid  boolean,
    aqi_level  varchar(32),
    heavy      boolean       not null,
    pm25       numeric(20,6),
    pm25_valid boolean,
    changed_at timestamptz   not null,
    primary key (area, day)
);

-- The year's heavy days of one area.
create index air_quality_day_heavy on air_quality_day (area, day) where heavy;
